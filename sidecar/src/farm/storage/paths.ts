/**
 * Maps `/storage/<bid>/<segments…>` to a file under `<storageDir>/<bid>/`, refusing anything that could
 * leave that folder: `..`, `.`, NUL, empty segments, and separators hidden in encoded segments.
 */
import path from 'node:path';
import { StorageHttpError } from './reply';

export interface StoragePath {
  bid: string;
  /** Decoded segments below the bid folder (empty for the storage root). */
  segments: string[];
  /** The server path, "/a/b.png" ("/" for the root). */
  serverPath: string;
  /** Absolute path on disk. */
  diskPath: string;
}

/** Parses the URL path of a storage request; throws StorageHttpError(400) on a bad path. */
export function parseStoragePath(storageDir: string, urlPath: string): StoragePath {
  const rest = urlPath.slice('/storage/'.length);
  const raw = rest.split('/');
  const bidRaw = raw.shift() ?? '';
  // A trailing slash (directory listing) leaves one empty segment at the end: allow only that one.
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new StorageHttpError(400, 'BAD_PATH', `Path segment "${s}" is not valid URL encoding.`);
    }
  };
  const bid = decode(bidRaw);
  if (!/^[A-Za-z0-9_-]+$/.test(bid)) throw new StorageHttpError(400, 'BAD_PATH', 'The storage id (bid) in the path is missing or malformed.');
  const segments = raw.map(decode);
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || s.includes('\0') || s.includes('/') || s.includes('\\')) {
      throw new StorageHttpError(400, 'BAD_PATH', 'The path has an empty, "." or ".." segment, a NUL or a separator inside a segment; send a plain server path like /D/tex/a.png.');
    }
  }
  const root = path.join(storageDir, bid);
  const diskPath = path.join(root, ...segments);
  if (diskPath !== root && !diskPath.startsWith(root + path.sep)) {
    throw new StorageHttpError(400, 'BAD_PATH', 'The path leaves the storage folder.');
  }
  return { bid, segments, serverPath: `/${segments.join('/')}`, diskPath };
}
