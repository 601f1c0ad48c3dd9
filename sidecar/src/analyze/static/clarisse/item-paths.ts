/**
 * Clarisse item paths: `project://<context path>/<name>`; an object embedded in another is
 * `<owner path>.<name>` (`project://scene/image.layer`). Values that name items are resolved
 * relative to the object that holds them: `.layer` → embedded in it, `name` → in its context.
 */
import type { ClarisseObject } from './project-model';

const SCHEME = 'project://';

const nameOf = (o: ClarisseObject): string => o.name ?? `<unnamed ${o.cls}>`;

/** The full item path of an object (iterative and cached: embedding can be deep in a damaged file). */
export function itemPath(o: ClarisseObject): string {
  if (o.path !== undefined) return o.path;
  const chain: ClarisseObject[] = [];
  let top: ClarisseObject | undefined = o;
  while (top && top.path === undefined) { chain.push(top); top = top.parent; }
  let path = top?.path;
  for (let i = chain.length - 1; i >= 0; i--) {
    const c = chain[i]!;
    path = path !== undefined ? `${path}.${nameOf(c)}` : c.context ? `${SCHEME}${c.context}/${nameOf(c)}` : `${SCHEME}${nameOf(c)}`;
    if (c.name !== undefined) c.path = path; // an object's name is final once the file is read
  }
  return path!;
}

/** Resolves an item reference stored on `holder` (absolute, `.embedded`, or context-relative). */
export function resolveItem(value: string, holder: ClarisseObject): string {
  if (value.startsWith('project:/')) return value;
  if (value.startsWith('.')) return `${itemPath(holder)}${value}`;
  // a sibling of the holder (or of its top-level owner, for embedded objects)
  let top = holder;
  while (top.parent) top = top.parent;
  return top.context ? `${SCHEME}${top.context}/${value}` : `${SCHEME}${value}`;
}
