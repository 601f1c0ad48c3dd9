/**
 * The upload record's key and value, in the transmitter's shapes (spec/transfer.md §3.3), so that a
 * studio's existing cache keeps working: key = compact JSON with fields in this exact order, value =
 * `{"filesize":n,"filetime":epoch seconds}`. No content hash, as in the transmitter.
 */

export interface RecordKeyParts {
  platformId: string | number;
  storageId: string | number;
  userId: string | number;
  local: string;
  remote: string;
}

export interface RecordValue {
  filesize: number;
  /** Modification time, whole epoch seconds. */
  filetime: number;
}

/** Numbers stay numbers (the transmitter writes ints); a non-numeric id is kept as a string. */
const asId = (v: string | number): string | number => (typeof v === 'number' || !/^\d+$/.test(v) ? v : Number(v));

/**
 * The record key builder for many files of one (platform, storage, user): the same text as
 * `recordKey`, with the constant head built once (planning 100,000 files must not build 100,000 objects).
 */
export function recordKeyPrefix(p: Omit<RecordKeyParts, 'local' | 'remote'>): (local: string, remote: string) => string {
  const head = JSON.stringify({ platform_id: asId(p.platformId), storage_id: asId(p.storageId), user_id: asId(p.userId) }).slice(0, -1);
  return (local, remote) =>
    `${head},"local_filename":${JSON.stringify(local.includes('\\') ? local.replace(/\\/g, '/') : local)},"remote_filename":${JSON.stringify(remote)}}`;
}

/** The record key for one (platform, storage, user, local, remote) tuple. */
export function recordKey(p: RecordKeyParts): string {
  return recordKeyPrefix(p)(p.local, p.remote);
}

/** The record value for a file of `size` bytes modified at `mtimeMs`. */
export function recordValue(size: number, mtimeMs: number): string {
  // Same text as JSON.stringify({ filesize, filetime }), without the object.
  return `{"filesize":${size},"filetime":${Math.floor(mtimeMs / 1000)}}`;
}

/** `r_time`: when the record was written, `YYYY-MM-DD HH:MM:SS` (UTC). */
export function recordTime(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
