/**
 * Clarisse item paths: `project://<context path>/<name>`; an object embedded in another is
 * `<owner path>.<name>` (`project://scene/image.layer`). Values that name items are resolved
 * relative to the object that holds them: `.layer` → embedded in it, `name` → in its context.
 */
import type { ClarisseObject } from './project-model';

const SCHEME = 'project://';

/** The full item path of an object. */
export function itemPath(o: ClarisseObject): string {
  const name = o.name ?? `<unnamed ${o.cls}>`;
  if (o.parent) return `${itemPath(o.parent)}.${name}`;
  return o.context ? `${SCHEME}${o.context}/${name}` : `${SCHEME}${name}`;
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
