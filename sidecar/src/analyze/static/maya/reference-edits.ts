/**
 * Reference edits: a .ma stores the changes made to referenced nodes on the reference node, as
 * `setAttr "<RN>.ed" -type "dataReferenceEdits" "<RN>" … 2 "<node>" "<attr>" " -type \"string\" \"<value>\"" …`.
 * A setAttr edit (record type 2) on a file attribute replaces the path the referenced scene stores,
 * so the edited path is a file this scene needs. Only those edits are kept.
 */
import type { FileReference, ReferenceKind } from '../../../../../protocol/src/scene';
import { FILE_ATTRS } from './file-attrs';
import type { MelToken } from './mel-tokenizer';
import { shortName } from './scene-model';

/** File attribute name (long or short) → [long name, kind], when the name means one thing. */
const BY_NAME = (() => {
  const all = new Map<string, Set<string>>();
  for (const specs of Object.values(FILE_ATTRS)) {
    for (const s of specs) for (const n of s.names) all.set(n, (all.get(n) ?? new Set()).add(`${s.names[0]}\u0000${s.kind}`));
  }
  const out = new Map<string, [string, ReferenceKind]>();
  for (const [name, specs] of all) {
    const [only] = [...specs];
    const [long, kind] = only!.split('\u0000') as [string, ReferenceKind];
    out.set(name, specs.size === 1 ? [long, kind] : [name, 'other']);
  }
  return out;
})();

/** `-type "string" "D:/x.png"` (MEL, escaped) → `D:/x.png`. */
function stringValue(fragment: string): string | undefined {
  const m = /-type\s+"string"\s+"((?:[^"\\]|\\.)*)"/.exec(fragment);
  return m ? m[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c)) : undefined;
}

/** File references set by the setAttr edits of a dataReferenceEdits value. */
export function referenceEditFiles(tokens: MelToken[]): FileReference[] {
  const out: FileReference[] = [];
  for (let i = 0; i + 3 < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || t.text !== '2') continue;
    const [node, attr, value] = [tokens[i + 1]!, tokens[i + 2]!, tokens[i + 3]!];
    if (node.kind !== 'string' || attr.kind !== 'string' || value.kind !== 'string') continue;
    const spec = BY_NAME.get(attr.text);
    if (!spec) continue;
    const path = stringValue(value.text);
    if (path === undefined || path.trim() === '') continue;
    out.push({ node: shortName(node.text), parm: spec[0], path, kind: spec[1] });
    i += 3;
  }
  return out;
}
