/**
 * Converted textures a renderer reads instead of the source (issue 12): Arnold/V-Ray/RenderMan `.tx`
 * (maketx beside the source: `wood.png` → `wood.tx`), RenderMan `.tex` (txmake: `wood.tex` or
 * `wood.png.tex`) and Redshift's `.rstexbin` beside its source. A sibling that exists is uploaded
 * with the source, under the server path of the source's folder; tiles and frames get theirs because
 * each resolved file (one per tile or frame) is asked.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ListingCache } from '../tokens/match-disk';

const CONVERTED = new Set(['.tx', '.tex', '.rstexbin']);
const SOURCE = /\.(png|jpe?g|exr|tiff?|tga|bmp|hdr|psd|dds|iff|pic)$/i;

/** The names a converted copy of `file` would have. */
export function siblingNames(file: string): string[] {
  const base = path.basename(file);
  if (!SOURCE.test(base) || CONVERTED.has(path.extname(base).toLowerCase())) return [];
  const stem = base.slice(0, -path.extname(base).length);
  return [`${stem}.tx`, `${stem}.tex`, `${base}.tex`, `${stem}.rstexbin`];
}

/** The converted siblings of `file` that exist, found in its folder's (cached) listing. */
export async function textureSiblings(file: string, listings: ListingCache): Promise<string[]> {
  const names = siblingNames(file);
  if (names.length === 0) return [];
  const dir = path.dirname(file);
  let listing = listings.get(dir);
  if (!listing) listings.set(dir, (listing = readdir(dir).catch(() => [] as string[])));
  const present = new Set(await listing);
  return names.filter((n) => present.has(n)).map((n) => path.join(dir, n));
}

/** The server-side name of a sibling: the source's farm path with the sibling's file name. */
export function siblingFarmPath(sourceFarmPath: string, sibling: string): string {
  const slash = Math.max(sourceFarmPath.lastIndexOf('/'), sourceFarmPath.lastIndexOf('\\'));
  return sourceFarmPath.slice(0, slash + 1) + path.basename(sibling);
}
