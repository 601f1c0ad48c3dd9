/**
 * Package-relative paths (spec/usd.md §4.3): `/a/Model.usdz[sub/Geom.usd]`, nested as
 * `set.usdz[areas/shire.usdz[Table.usd]]`. A location is a file plus the chain of members inside it.
 */
export interface LayerLocation {
  file: string;
  /** Members from the outermost package in; empty for a plain file. */
  members: string[];
}

/** `file[m1[m2]]`, the identifier OpenUSD reports for packaged layers. */
export function locationId(loc: LayerLocation): string {
  let inner = '';
  for (let i = loc.members.length - 1; i >= 0; i -= 1) inner = `[${escape(loc.members[i]!)}${inner}]`;
  return escape(loc.file) + inner;
}

const escape = (s: string): string => s.replace(/[[\]]/g, (c) => `\\${c}`);

/** Splits `outer[inner]` (the outermost `[` matches the final `]`); undefined for a plain path. */
export function splitPackagePath(path: string): { outer: string; inner: string[] } | undefined {
  if (!path.endsWith(']')) return undefined;
  let open = -1;
  for (let i = 0; i < path.length; i += 1) {
    if (path[i] === '\\') { i += 1; continue; }
    if (path[i] === '[') { open = i; break; }
  }
  if (open <= 0) return undefined;
  const outer = path.slice(0, open).replace(/\\([[\]])/g, '$1');
  const rest = path.slice(open + 1, -1);
  const nested = splitPackagePath(rest);
  return nested ? { outer, inner: [nested.outer, ...nested.inner] } : { outer, inner: [rest.replace(/\\([[\]])/g, '$1')] };
}
