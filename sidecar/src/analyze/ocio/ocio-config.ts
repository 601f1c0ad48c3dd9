/**
 * An OpenColorIO config (.ocio, YAML) as a referenced file: the LUTs its FileTransforms name
 * (`src: srgb.spi1d`), looked up the way OCIO does — absolute as is, else in each `search_path`
 * folder (relative to the config's folder, `:`-separated or a YAML list), else beside the config.
 * Read as text lines: a config is small and OCIO's tags (`!<FileTransform>`) need no YAML model.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileReference, SceneFacts, SceneWarning } from '../../../../protocol/src/scene';
import { SceneParseError } from '../errors';
import { missingFileCode } from '../tips-codes';

const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export const isOcioConfig = (file: string): boolean => path.extname(file).toLowerCase() === '.ocio';

const unquote = (v: string): string => v.trim().replace(/^(["'])(.*)\1$/, '$2');

/** The search folders and the LUT names a config's text holds. */
export function parseOcioConfig(text: string): { searchPaths: string[]; luts: string[] } {
  const searchPaths: string[] = [];
  const luts = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.replace(/(^|\s)#.*$/, '');
    const sp = /^search_path\s*:\s*(.*)$/.exec(line);
    if (sp) {
      const value = sp[1]!.trim();
      if (value.startsWith('[')) searchPaths.push(...value.slice(1, value.lastIndexOf(']')).split(',').map(unquote).filter(Boolean));
      else if (value) searchPaths.push(...unquote(value).split(':').filter(Boolean));
      else for (let k = i + 1; k < lines.length && /^\s+-\s*/.test(lines[k]!); k += 1) searchPaths.push(unquote(lines[k]!.replace(/^\s+-\s*/, '')));
      continue;
    }
    for (const m of line.matchAll(/\bsrc\s*:\s*("[^"]*"|'[^']*'|[^,}\s]+)/g)) {
      const v = unquote(m[1]!);
      if (v) luts.add(v);
    }
  }
  return { searchPaths, luts: [...luts] };
}

const exists = async (p: string): Promise<boolean> => (await stat(p).catch(() => undefined))?.isFile() ?? false;

/** The config's LUT files as references, the ones OCIO would not find as missing-file tips. */
export async function readOcioAsFacts(file: string, host: SceneFacts['host']): Promise<SceneFacts> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new SceneParseError(file, 0, 'the OCIO config does not exist');
  if (info.size > MAX_CONFIG_BYTES) throw new SceneParseError(file, 0, `an OCIO config of ${info.size} bytes is not a config`);
  const { searchPaths, luts } = parseOcioConfig(await readFile(file, 'utf8'));
  const dir = path.dirname(file);
  const folders = [...searchPaths.map((s) => path.resolve(dir, s)), dir];
  const references: FileReference[] = [];
  const warnings: SceneWarning[] = [];
  for (const lut of luts) {
    if (lut.includes('$')) {
      warnings.push({ code: missingFileCode(host), node: `OCIO ${file}`, parm: `src ${lut}`, message: `The OCIO config ${file} names the LUT ${lut} through a context variable: only a render with that context knows the file; upload the LUT folder with the job.` });
      continue;
    }
    const candidates = path.isAbsolute(lut) ? [lut] : folders.map((f) => path.join(f, lut));
    let found: string | undefined;
    for (const c of candidates) if (await exists(c)) { found = c; break; }
    // one plug per LUT: a missing LUT's tip must not yield to a found one's (write-job-files' stale rule)
    if (found) references.push({ node: `OCIO ${file}`, parm: `src ${lut}`, path: found, kind: 'other' });
    else warnings.push({ code: missingFileCode(host), node: `OCIO ${file}`, parm: `src ${lut}`, message: `The OCIO config ${file} names the LUT ${lut}, found in none of ${candidates.join(', ')}.` });
  }
  return { host, source: 'static', scenePath: file, software: { name: 'OCIO' }, plugins: {}, renderNodes: [], cameras: [], references, variables: {}, pathMaps: [], warnings };
}

/**
 * The scene's OCIO config as a reference when the scene itself does not name one: the `OCIO`
 * variable of the scene (a Houdini `set -g OCIO`) or of this environment, which the DCC renders with.
 */
export function withOcioConfig(facts: SceneFacts, env: NodeJS.ProcessEnv = process.env): SceneFacts {
  if (facts.references.some((r) => isOcioConfig(r.evaluated ?? r.path))) return facts;
  const config = facts.variables.OCIO ?? env.OCIO;
  if (!config || !isOcioConfig(config)) return facts;
  return { ...facts, references: [...facts.references, { node: 'OCIO', parm: facts.variables.OCIO ? 'scene variable OCIO' : 'environment variable OCIO', path: config, kind: 'other' }] };
}
