import type { SceneWarning } from '../../../../../protocol/src/scene';
import { SceneDamageTips } from '../../../../../protocol/src/tips';
import { throwIfAborted } from '../../../errors';
import { SceneFormatError } from '../../errors';
import { ByteReader } from './byte-reader';

/**
 * The "odc" ASCII cpio container of .hip files (spec/analysis.md §4.1): 76-byte octal header
 * (magic 070707 … namesize(6) filesize(11)), the name + NUL, then the data; no padding; ends with
 * TRAILER!!!. When an entry's declared end is not followed by a header (a damaged entry, e.g. the
 * INDX library of sphere.hip that grew by 119 bytes), the reader resyncs to the next line-start
 * header whose name is not TRAILER!!! (INDX libraries hold their own nested trailers).
 */
export interface CpioEntry {
  name: string;
  size: number;
  /** The data, when `want(name)` asked for it and it is not larger than `maxEntryBytes`. */
  data?: Buffer;
}

export interface CpioOptions {
  want: (name: string) => boolean;
  maxEntryBytes?: number;
  warnings: SceneWarning[];
  signal?: AbortSignal;
  /** Called with the absolute offset after each entry (progress). */
  onOffset?: (offset: number) => void;
}

const HEADER = 76;
const MAGIC = Buffer.from('070707');
const NL_MAGIC = Buffer.from('\n070707');
const MAX_NAME = 4096;

interface Header {
  nameSize: number;
  fileSize: number;
}

function parseHeader(b: Buffer): Header | undefined {
  if (b.length < HEADER || !b.subarray(0, 6).equals(MAGIC)) return undefined;
  for (let i = 6; i < HEADER; i += 1) {
    const c = b[i]!;
    if (c < 0x30 || c > 0x37) return undefined;
  }
  const nameSize = parseInt(b.toString('latin1', 59, 65), 8);
  const fileSize = parseInt(b.toString('latin1', 65, 76), 8);
  if (!(nameSize >= 2 && nameSize <= MAX_NAME) || !Number.isFinite(fileSize)) return undefined;
  return { nameSize, fileSize };
}

/** Reads header + name at the read position without consuming; undefined when not a valid header. */
async function peekEntry(r: ByteReader, at = 0): Promise<{ header: Header; name: string } | undefined> {
  if ((await r.fill(at + HEADER)) < at + HEADER) return undefined;
  const header = parseHeader(r.peek(HEADER, at));
  if (!header) return undefined;
  if ((await r.fill(at + HEADER + header.nameSize)) < at + HEADER + header.nameSize) return undefined;
  const raw = r.peek(header.nameSize, at + HEADER);
  if (raw[raw.length - 1] !== 0) return undefined;
  const nameBytes = raw.subarray(0, raw.length - 1);
  if (nameBytes.includes(0)) return undefined;
  return { header, name: nameBytes.toString('utf8') };
}

/** Moves to the first valid header within the first 64 KiB; false (position unchanged) when none. */
async function skipLeadingHeader(r: ByteReader): Promise<boolean> {
  const limit = 64 * 1024;
  await r.fill(limit + HEADER + MAX_NAME);
  for (let i = r.indexOf(MAGIC, 1); i >= 0 && i <= limit; i = r.indexOf(MAGIC, i + 1)) {
    if (await peekEntry(r, i)) {
      r.advance(i);
      return true;
    }
  }
  return false;
}

/** Scans forward to the next line-start header that is not a trailer; false at end of stream. */
async function resync(r: ByteReader): Promise<{ found: boolean; sawTrailer: boolean }> {
  let sawTrailer = false;
  let from = 0;
  for (;;) {
    const i = r.indexOf(NL_MAGIC, from);
    if (i < 0) {
      const keep = Math.max(0, r.available - NL_MAGIC.length);
      r.advance(keep);
      from = 0;
      if (!(await r.more())) return { found: false, sawTrailer };
      continue;
    }
    const entry = await peekEntry(r, i + 1);
    if (entry && entry.name !== 'TRAILER!!!') {
      r.advance(i + 1);
      return { found: true, sawTrailer };
    }
    if (entry) sawTrailer = true;
    from = i + 1;
  }
}

/**
 * Walks the entries of a .hip stream. Throws SceneFormatError when the stream does not start with
 * a cpio header; damage later in the file becomes warnings (SceneDamageTips 151xx), never an exception.
 */
export async function* readCpio(source: AsyncIterator<Buffer | Uint8Array | string>, options: CpioOptions): AsyncGenerator<CpioEntry> {
  const r = new ByteReader(source, options.signal);
  const max = options.maxEntryBytes ?? 64 * 1024 * 1024;
  let first = true;
  let last: string | undefined; // the entry before the read position (whose end the damage follows)
  for (;;) {
    throwIfAborted(options.signal);
    const entry = await peekEntry(r);
    if (!entry) {
      if (first) {
        // .hipnc/.hiplc may start with a non-cpio header: look for the first entry in the first 64 KiB.
        if (await skipLeadingHeader(r)) {
          options.warnings.push({ code: 'info', message: `Skipped ${r.offset} bytes before the first cpio entry (a .hipnc/.hiplc header?).` });
          continue;
        }
        throw new SceneFormatError(
          'This file is not a Houdini scene the static reader can read (no cpio entry in its first 64 KiB); check the file, ' +
            're-save it from Houdini, or analyse it with mode "batch" (locked .hipnc/.hiplc files need Houdini).',
        );
      }
      if ((await r.fill(1)) === 0) {
        options.warnings.push({ code: SceneDamageTips.hipTruncated, message: 'The .hip file ends without its TRAILER!!! entry: it is truncated; re-save the scene.' });
        return;
      }
      const at = r.offset;
      const { found, sawTrailer } = await resync(r);
      if (!found) {
        if (!sawTrailer) {
          options.warnings.push({ code: SceneDamageTips.hipTruncated, message: `The .hip file is truncated or damaged after byte ${at} (no intact entry follows); re-save the scene.` });
        }
        return;
      }
      // The damage follows entry `last`: harmless when the reader skips that entry anyway (a binary
      // library), an incomplete read when it is one the reader parses (its data may be cut or wrong).
      const lost = last === undefined || options.want(last);
      options.warnings.push({
        code: lost ? SceneDamageTips.hipBadHeader : SceneDamageTips.hipRecovered,
        message: `The .hip file has a damaged cpio header at byte ${at}, after entry ${last ?? '(none)'}; the reader resumed at byte ${r.offset}` +
          (lost ? ': what that entry holds may be missing. Re-save the scene.' : ' (that entry is not one it reads, so nothing it reads was lost).'),
      });
      continue;
    }
    first = false;
    r.advance(HEADER + entry.header.nameSize);
    if (entry.name === 'TRAILER!!!') return;
    last = entry.name;
    const { fileSize } = entry.header;
    if (options.want(entry.name) && fileSize <= max) {
      const data = await r.take(fileSize);
      if (data.length < fileSize) {
        options.warnings.push({ code: SceneDamageTips.hipTruncated, message: `The .hip file is truncated inside entry ${entry.name}; re-save the scene.` });
        return;
      }
      yield { name: entry.name, size: fileSize, data };
    } else {
      if (options.want(entry.name)) {
        options.warnings.push({ code: SceneDamageTips.hipEntryUnread, message: `Entry ${entry.name} (${fileSize} bytes) is too large to read statically; it was skipped.` });
      }
      const skipped = await r.skip(fileSize);
      if (skipped < fileSize) {
        options.warnings.push({ code: SceneDamageTips.hipTruncated, message: `The .hip file is truncated inside entry ${entry.name}; re-save the scene.` });
        return;
      }
      yield { name: entry.name, size: fileSize };
    }
    options.onOffset?.(r.offset);
  }
}
