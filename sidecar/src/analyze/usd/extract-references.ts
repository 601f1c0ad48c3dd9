/**
 * ExtractExternalReferences (spec/usd.md §6): one layer's raw authored paths in three buckets,
 * not anchored, not recursive — sub-layers; references plus every asset-valued metadata, attribute
 * and time sample, with clip templates and UDIM paths as authored; payloads. For tooling and tests.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ByteSource } from './byte-source';
import { splitClipTemplate } from './clip-template';
import { readLayer } from './read-layer';

export interface ExternalReferences {
  subLayers: string[];
  references: string[];
  payloads: string[];
}

export async function extractExternalReferences(file: string): Promise<ExternalReferences> {
  const src = await ByteSource.openFile(file);
  let found;
  try {
    found = await readLayer(src);
  } finally {
    await src.close();
  }
  const sub = new Set<string>();
  const refs = new Set<string>();
  const pay = new Set<string>();
  for (const d of found) {
    if (d.kind === 'sublayer' || d.kind === 'include') sub.add(d.path);
    else if (d.kind === 'payload') pay.add(d.path);
    else if (d.kind === 'clipTemplate') for (const p of await expandTemplate(d.path, path.dirname(file))) refs.add(p);
    else refs.add(d.path);
  }
  const sorted = (s: Set<string>): string[] => [...s].sort();
  return { subLayers: sorted(sub), references: sorted(refs), payloads: sorted(pay) };
}

async function expandTemplate(template: string, dir: string): Promise<string[]> {
  const split = splitClipTemplate(template);
  if (!split) return [];
  const { folder, pattern } = split;
  try {
    return (await readdir(path.resolve(dir, folder))).filter((n) => pattern.test(n)).map((n) => `${folder}/${n}`);
  } catch {
    return [];
  }
}
