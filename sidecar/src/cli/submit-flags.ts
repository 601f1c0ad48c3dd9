/**
 * `rayvision submit` flags for the dialog's settings (protocol SubmitSettings): each flag is parsed
 * here into the `submit/scene` field it names; the sidecar's schema still validates every value.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { frameSpecProblem } from '../../../protocol/src/frame-spec';

/** `--frames 'ropA=1-10;ropB=5,7'` → { ropA: "1-10", ropB: "5,7" }; a bare spec (`1-10x2`) applies to every node (`*`). */
export function framesFlag(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? '*' : part.slice(0, eq).trim();
    const spec = eq < 0 ? part : part.slice(eq + 1).trim();
    if (key === '') throw new InvalidArgumentError(`"${part}" has no node name before "=" (use ropA=1-10;ropB=5,7).`);
    const problem = frameSpecProblem(spec);
    if (problem) throw new InvalidArgumentError(`the frames of ${key === '*' ? 'every node' : key} ("${spec}") ${problem}.`);
    out[key] = spec;
  }
  if (Object.keys(out).length === 0) throw new InvalidArgumentError('give frames like 1-100x2 or ropA=1-10;ropB=5,7.');
  return out;
}

/** A whole number of at least `min`. */
const whole = (min: number) => (value: string): number => {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
  return Number(value);
};

/** `--scout none|first|first-middle-last|<frame spec>`. */
export function scoutFlag(value: string): { mode: string; frames?: string } {
  const v = value.trim();
  if (['none', 'first', 'first-middle-last'].includes(v)) return { mode: v };
  if (v === 'fml') return { mode: 'first-middle-last' };
  const problem = frameSpecProblem(v);
  if (problem) throw new InvalidArgumentError(`expected none, first, first-middle-last or a frame spec; "${v}" ${problem}.`);
  return { mode: 'custom', frames: v };
}

const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];

/** Adds the settings flags to the submit command. */
export function withSubmitFlags(cmd: Command): Command {
  return cmd
    .option('--frames <spec>', "frames per ROP/layer/image: 'ropA=1-10;ropB=5,7', or one spec (1-100x2, 120) for all", framesFlag)
    .option('--render <nodes>', 'render only these ROPs / layers / images (comma-separated, repeatable)', list)
    .option('--chunk <n>', 'frames per farm task', whole(1))
    .option('--camera <name>', 'camera to render (Maya layers, Clarisse images)')
    .option('--scout <frames>', 'scout frames rendered first: none | first | first-middle-last | a frame spec', scoutFlag)
    .option('--stop-after-scout', 'pause after the scout frames (continue with task start)')
    .option('--timeout <seconds>', 'warn when a frame runs longer (time_out)', whole(1))
    .option('--over-time-stop <seconds>', 'stop a frame that runs longer (job_stop_time)', whole(1))
    .option('--add-asset <paths>', 'upload these files or folders too (comma-separated, repeatable)', list)
    .option('--remove-asset <paths>', 'leave these analysed files or folders out (comma-separated, repeatable)', list);
}

/** The `submit/scene` fields of the parsed flags (only those given). */
export function submitSettingsOf(f: Record<string, any>): Record<string, unknown> {
  const scout = f.scout ?? (f.stopAfterScout ? { mode: 'first' } : undefined);
  return {
    ...(f.frames ? { frames: f.frames } : {}),
    ...(f.render ? { renderNodes: f.render } : {}),
    ...(f.chunk !== undefined ? { chunk: f.chunk } : {}),
    ...(f.camera ? { camera: f.camera } : {}),
    ...(scout ? { scout: { ...scout, stopAfter: Boolean(f.stopAfterScout) } } : {}),
    ...(f.timeout !== undefined ? { timeoutSeconds: f.timeout } : {}),
    ...(f.overTimeStop !== undefined ? { overTimeStopSeconds: f.overTimeStop } : {}),
    ...(f.addAsset || f.removeAsset ? { assets: { add: f.addAsset ?? [], remove: f.removeAsset ?? [] } } : {}),
  };
}
