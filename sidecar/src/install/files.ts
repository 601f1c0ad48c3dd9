/**
 * What the installer writes per host: the Houdini package JSON, the Maya module file (both rendered
 * from the templates in dcc-plugins/), and a marked block in Clarisse's clarisse.env.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const PLACEHOLDER = /__PLUGIN_ROOT__/g;
export const BLOCK_START = '# >>> rayvision plugin (managed by `rayvision install-plugins`) >>>';
export const BLOCK_END = '# <<< rayvision plugin <<<';
const ORIGINAL = '# rayvision-original: ';

/** Forward slashes: Houdini, Maya and Clarisse accept them on every OS. */
export const slash = (p: string): string => p.replace(/\\/g, '/');

/** The package JSON for `$HOUDINI_USER_PREF_DIR/packages/rayvision.json`. */
export function houdiniPackage(pluginRoot: string): string {
  const template = readFileSync(path.join(pluginRoot, 'houdini', 'package', 'rayvision.json'), 'utf8');
  return template.replace(PLACEHOLDER, slash(pluginRoot));
}

/** The module file for `maya/<version>/modules/rayvision.mod`, limited to that Maya version. */
export function mayaModule(pluginRoot: string, version?: string): string {
  const template = readFileSync(path.join(pluginRoot, 'maya', 'rayvision.mod'), 'utf8');
  const text = template.replace(PLACEHOLDER, slash(pluginRoot));
  // The header line may carry MAYAVERSION so one Maya does not load another's entry.
  return version ? text.replace(/^\+ /m, `+ MAYAVERSION:${version.split('.')[0]} `) : text;
}

/** clarisse.env with our block added (replacing an older one); a user's startup script is kept first. */
export function withClarisseBlock(current: string, pluginRoot: string): string {
  const { rest, originals } = splitBlock(current);
  const startup = `${slash(pluginRoot)}/clarisse/startup/rayvision_startup.py`;
  const lines = rest.split(/\r?\n/);
  const kept: string[] = [];
  const saved = [...originals];
  let userStartup = originals.map(parseKey).find((kv) => kv?.[0] === 'CLARISSE_STARTUP_SCRIPT')?.[1];
  for (const line of lines) {
    const kv = parseKey(line);
    if (kv?.[0] === 'CLARISSE_STARTUP_SCRIPT') {
      userStartup = kv[1];
      saved.push(line);
    } else {
      kept.push(line);
    }
  }
  const value = userStartup ? `${userStartup};${startup}` : startup;
  const block = [
    BLOCK_START,
    ...saved.map((l) => ORIGINAL + l),
    `RAYVISION_PLUGIN_ROOT=${slash(pluginRoot)}`,
    `CLARISSE_STARTUP_SCRIPT=${value}`,
    BLOCK_END,
  ];
  const body = kept.join('\n').replace(/\n+$/, '');
  return `${body ? `${body}\n` : ''}${block.join('\n')}\n`;
}

/** clarisse.env without our block, with the user's own lines put back. */
export function withoutClarisseBlock(current: string): string {
  const { rest, originals } = splitBlock(current);
  const body = rest.replace(/\n+$/, '');
  const restored = [body, ...originals].filter((l) => l !== '').join('\n');
  return restored ? `${restored}\n` : '';
}

/** True when the text holds our block. */
export const hasClarisseBlock = (text: string): boolean => text.includes(BLOCK_START);

function splitBlock(text: string): { rest: string; originals: string[] } {
  const start = text.indexOf(BLOCK_START);
  if (start < 0) return { rest: text, originals: [] };
  const endMark = text.indexOf(BLOCK_END, start);
  const end = endMark < 0 ? text.length : endMark + BLOCK_END.length;
  const block = text.slice(start, end).split(/\r?\n/);
  const originals = block.filter((l) => l.startsWith(ORIGINAL)).map((l) => l.slice(ORIGINAL.length));
  return { rest: text.slice(0, start) + text.slice(end).replace(/^\r?\n/, ''), originals };
}

function parseKey(line: string): [string, string] | undefined {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
  return m ? [m[1], m[2].trim()] : undefined;
}
