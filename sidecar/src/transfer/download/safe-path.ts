/**
 * Maps a server path to a local path that is guaranteed to stay inside the local folder.
 * The old SDK trusted the listing; a hostile or buggy listing could write anywhere.
 */
import path from 'node:path';
import { UnsafePathError } from './errors';

/** Longest single path component we accept (most file systems stop at 255 bytes). */
export const MAX_SEGMENT_BYTES = 255;
/** Longest relative path we accept, well under Windows' and Linux' limits once joined to a root. */
export const MAX_RELATIVE_BYTES = 1024;

/** Why a relative server path is unsafe, or undefined when it is safe. Pure, for tests and reports. */
export function unsafeReason(relative: string): string | undefined {
  if (relative.length === 0) return 'empty path';
  if (relative.includes('\0')) return 'contains NUL';
  if (Buffer.byteLength(relative) > MAX_RELATIVE_BYTES) return `longer than ${MAX_RELATIVE_BYTES} bytes`;
  const unified = relative.replace(/\\/g, '/');
  if (unified.startsWith('/')) return 'absolute path';
  if (/^[a-zA-Z]:/.test(unified)) return 'drive letter';
  const segments = unified.split('/');
  for (const segment of segments) {
    if (segment === '..') return 'parent directory segment (..)';
    if (segment === '.' || segment === '') return 'empty or "." segment';
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) return `segment longer than ${MAX_SEGMENT_BYTES} bytes`;
    if (segment.includes(':')) return 'colon in segment (drive or stream name)';
  }
  return undefined;
}

/**
 * Resolves `relative` (forward or back slashes) under `root`; throws `UnsafePathError` when the
 * result would escape `root` or the name is not acceptable as a local file name.
 */
export function safeLocalPath(root: string, relative: string): string {
  const reason = unsafeReason(relative);
  const shown = JSON.stringify(relative.slice(0, 200));
  if (reason) {
    throw new UnsafePathError(`Refused server file ${shown}: ${reason}. Nothing was written for it.`, {
      details: { serverPath: relative.slice(0, 1024), reason },
    });
  }
  const base = path.resolve(root);
  const target = path.resolve(base, ...relative.replace(/\\/g, '/').split('/'));
  if (target !== base && !target.startsWith(base + path.sep)) {
    throw new UnsafePathError(`Refused server file ${shown}: it would land outside ${base}.`, {
      details: { serverPath: relative.slice(0, 1024), reason: 'escapes the local folder' },
    });
  }
  return target;
}
