import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { ProgressListener } from '../../../../protocol/src/progress';
import type { HostName, SceneFacts } from '../../../../protocol/src/scene';
import { AbortedError, throwIfAborted } from '../../errors';
import { AnalyseFailError } from '../errors';
import { parseFacts } from '../intake';

export interface BatchRunOptions {
  host: HostName;
  exe: string;
  scene: string;
  /** Folder for the facts file (the analysis folder). */
  outputDir: string;
  /** Folder holding `dcc-plugins/` scripts; default RAYVISION_PLUGINS_DIR or the repository's. */
  pluginsDir?: string;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  env?: NodeJS.ProcessEnv;
}

/**
 * The dcc-plugins folder: RAYVISION_PLUGINS_DIR, else the nearest `dcc-plugins` folder above this
 * module (the repository when run from sources, `dist/` when bundled).
 */
export function defaultPluginsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RAYVISION_PLUGINS_DIR) return env.RAYVISION_PLUGINS_DIR;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 8; i += 1) {
    const candidate = path.join(dir, 'dcc-plugins');
    if (existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.resolve(here, '..', '..', '..', '..', 'dcc-plugins');
}

/** The batch script of a host (agreed contract: dcc-plugins/<host>/rayvision_<host>/batch_analyze.py). */
export function batchScript(host: HostName, pluginsDir = defaultPluginsDir()): string {
  return path.join(pluginsDir, host, `rayvision_${host}`, 'batch_analyze.py');
}

/**
 * The argv for the interpreter: hython/mayapy take `<script> --scene S --output O`; Clarisse cnode
 * opens the project itself and passes what follows `--` to `-script` (also in RAYVISION_BATCH_ARGS).
 */
export function batchArgs(host: HostName, script: string, scene: string, output: string): string[] {
  const args = ['--scene', scene, '--output', output];
  return host === 'clarisse' ? [scene, '-script', script, '--', ...args] : [script, ...args];
}

const PROGRESS_LINE = /^RAYVISION_PROGRESS\s+(\d+)\/(\d+)\s*(.*)$/;

/**
 * Runs the DCC's interpreter on our analysis script and returns its SceneFacts (source "batch").
 * stdout lines stream as progress; cancelling kills the process (AbortedError); a non-zero exit or
 * a missing/invalid facts file is AnalyseFailError (tip 999) with the last stderr lines.
 */
export async function runBatchAnalysis(options: BatchRunOptions): Promise<SceneFacts> {
  const { host, exe, scene, outputDir, signal, onProgress } = options;
  throwIfAborted(signal);
  const script = batchScript(host, options.pluginsDir);
  const output = path.join(outputDir, 'facts.json');
  await rm(output, { force: true });
  const args = batchArgs(host, script, scene, output);
  const env = { ...(options.env ?? {}), RAYVISION_BATCH_ARGS: args.slice(args.indexOf('--scene')).map((a) => JSON.stringify(a)).join(' ') };
  onProgress?.({ kind: 'begin', title: `Analysing with ${path.basename(exe)}`, stage: 'batch', cancellable: true });
  // Its own process group, so a cancel also stops what the interpreter started: a grandchild that
  // keeps our stdout pipe open would otherwise hold the job forever after the interpreter died.
  const group = process.platform !== 'win32';
  const child = execa(exe, args, {
    cancelSignal: signal,
    detached: group,
    reject: false,
    env,
    extendEnv: true,
    stdin: 'ignore',
    maxBuffer: 16 * 1024 * 1024,
  });
  const stopGroup = killGroupOnAbort(child.pid, group, signal);
  let carry = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (carry + chunk.toString('utf8')).split(/\r?\n/);
    carry = lines.pop() ?? '';
    for (const line of lines) {
      const m = PROGRESS_LINE.exec(line);
      if (m) onProgress?.({ kind: 'report', stage: 'batch', message: m[3], files: { transferred: Number(m[1]), total: Number(m[2]) } });
      else if (line.trim()) onProgress?.({ kind: 'report', stage: 'batch', message: line.slice(0, 500) });
    }
  });
  const result = await child.finally(stopGroup);
  if (result.isCanceled || signal?.aborted) {
    onProgress?.({ kind: 'end', stage: 'batch', message: 'cancelled' });
    throw new AbortedError('The batch analysis was cancelled.', { cause: signal?.reason });
  }
  const tail = String(result.stderr ?? '').split(/\r?\n/).filter(Boolean).slice(-20).join('\n');
  const fail = (what: string): never => {
    onProgress?.({ kind: 'end', stage: 'batch', message: 'failed' });
    throw new AnalyseFailError(`${what}${tail ? `\nLast stderr lines:\n${tail}` : ''}`, {
      details: { exe, scene, exitCode: result.exitCode, stderr: tail, ...(what.includes('customExePath') ? { field: 'exePath', fieldPhrase: 'customExePath' } : {}) },
    });
  };
  if (result.failed && result.exitCode === undefined) fail(`Could not run ${exe}: ${result.shortMessage ?? 'failed to start'}. Check the DCC installation or customExePath.`);
  if (result.exitCode !== 0) fail(`The batch analysis of ${scene} failed (exit code ${result.exitCode}).`);
  let text: string;
  try {
    text = await readFile(output, 'utf8');
  } catch {
    return fail(`Json file is not generated: ${output}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail(`The batch analysis wrote invalid JSON to ${output}.`);
  }
  const facts = parseFacts(data);
  if (facts.host !== host) fail(`The batch analysis returned facts for ${facts.host}, expected ${host}.`);
  onProgress?.({ kind: 'end', stage: 'batch', message: 'done' });
  return { ...facts, source: 'batch' };
}

/** On abort: SIGTERM to the child's whole process group, SIGKILL 5 s later (as execa does for the child). */
function killGroupOnAbort(pid: number | undefined, group: boolean, signal: AbortSignal | undefined): () => void {
  if (!group || pid === undefined || !signal) return () => {};
  let timer: NodeJS.Timeout | undefined;
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // The group is gone already.
    }
  };
  const onAbort = () => {
    kill('SIGTERM');
    timer = setTimeout(() => kill('SIGKILL'), 5000);
    timer.unref();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return () => {
    signal.removeEventListener('abort', onAbort);
    // The interpreter ended: anything it left in its group goes too, now.
    if (signal.aborted) {
      clearTimeout(timer);
      kill('SIGKILL');
    }
  };
}
