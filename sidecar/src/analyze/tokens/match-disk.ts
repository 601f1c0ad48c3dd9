import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { segmentRegex, type Piece } from './substitute';

/** Splits pieces at `/` (and `\`) into per-segment piece lists; regex pieces never hold a separator. */
export function splitSegments(pieces: Piece[]): Piece[][] {
  const segments: Piece[][] = [[]];
  for (const piece of pieces) {
    if ('re' in piece) {
      segments[segments.length - 1]!.push(piece);
      continue;
    }
    const parts = piece.lit.replace(/\\/g, '/').split('/');
    parts.forEach((part, i) => {
      if (i > 0) segments.push([]);
      if (part) segments[segments.length - 1]!.push({ lit: part });
    });
  }
  return segments;
}

const isLiteral = (seg: Piece[]): boolean => seg.every((p) => 'lit' in p);
const literal = (seg: Piece[]): string => seg.map((p) => ('lit' in p ? p.lit : '')).join('');

/** True for `/x`, `C:/x`, `//srv/x` (after `\` → `/`). */
export function isAbsoluteLike(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p) || /^[A-Za-z]:$/.test(p);
}

/** Directory listings shared by the references of one analysis (a sequence folder is listed once). */
export type ListingCache = Map<string, Promise<string[]>>;

/**
 * The stat of each path looked at, per listing cache (one analysis): the fallback rules try the same
 * missing folders for every texture of a moved scene; each is asked once.
 */
const statCaches = new WeakMap<ListingCache, Map<string, Promise<Stats | undefined>>>();
function cachedStat(listings: ListingCache, p: string): Promise<Stats | undefined> {
  let cache = statCaches.get(listings);
  if (!cache) statCaches.set(listings, (cache = new Map()));
  let info = cache.get(p);
  if (!info) cache.set(p, (info = stat(p).catch(() => undefined)));
  return info;
}

/**
 * Lists the existing files a pattern path names, by walking its segments: literal segments are
 * joined, pattern segments are matched against the directory listing (never by guessing numbers).
 * Returns sorted absolute paths; `[]` when nothing exists.
 */
export async function matchOnDisk(pieces: Piece[], baseDir: string, limit = 100_000, listings: ListingCache = new Map()): Promise<string[]> {
  const list = (dir: string): Promise<string[]> => {
    let names = listings.get(dir);
    if (!names) {
      names = readdir(dir || '.').catch(() => [] as string[]);
      listings.set(dir, names);
    }
    return names;
  };
  const first = pieces.find((p) => 'lit' in p) as { lit: string } | undefined;
  const startsLit = pieces.length > 0 && 'lit' in pieces[0]!;
  const head = startsLit && first ? first.lit.replace(/\\/g, '/') : '';
  let roots: string[];
  if (startsLit && head.startsWith('//')) roots = ['//'];
  else if (startsLit && head.startsWith('/')) roots = ['/'];
  else if (startsLit && /^[A-Za-z]:/.test(head)) roots = [''];
  else roots = [baseDir];
  const segments = splitSegments(pieces).filter((s, i) => s.length > 0 || i === 0);
  let current = roots;
  for (const [index, seg] of segments.entries()) {
    if (seg.length === 0) continue;
    const next: string[] = [];
    if (isLiteral(seg)) {
      const name = literal(seg);
      // a drive root is `C:/`: `C:` alone means drive C's current folder on Windows
      for (const dir of current) next.push(dir === '' ? (/^[A-Za-z]:$/.test(name) ? `${name}/` : name) : dir === '/' || dir === '//' ? dir + name : path.join(dir, name));
    } else {
      const re = new RegExp(segmentRegex(seg));
      for (const dir of current) {
        const names = await list(dir);
        for (const name of names) if (re.test(name)) next.push(path.join(dir, name));
        if (next.length > limit) break;
      }
    }
    const last = index === segments.length - 1;
    current = [];
    for (const candidate of next) {
      const info = await cachedStat(listings, candidate);
      if (info && (last ? info.isFile() : info.isDirectory())) current.push(candidate);
    }
    if (current.length === 0) return [];
  }
  return [...new Set(current)].sort();
}
