/**
 * Houdini operator paths: relative paths are relative to the node itself, like folders
 * (`..` is the parent, `../file1` a sibling, `geo1` a child).
 */

/** The absolute path `rel` names from node `from`; undefined when it climbs above the root. */
export function resolveNodePath(from: string, rel: string): string | undefined {
  const r = rel.trim();
  const parts = r.startsWith('/') ? [] : from.split('/').filter(Boolean);
  for (const seg of r.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** The relative path from node `from` to node `to` (Houdini's oprelativepath). */
export function relativeNodePath(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const rel = [...Array<string>(a.length - i).fill('..'), ...b.slice(i)].join('/');
  return rel || '.';
}

/** Splits a channel reference (`file`, `../file1/file`, `/obj/geo1/file1/file`) into node and parm. */
export function splitParmRef(ref: string): { node: string; parm: string } {
  const r = ref.trim();
  const slash = r.lastIndexOf('/');
  if (slash < 0) return { node: '.', parm: r };
  return { node: slash === 0 ? '/' : r.slice(0, slash), parm: r.slice(slash + 1) };
}
