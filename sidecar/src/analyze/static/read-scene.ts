/**
 * What every static reader does around its walk (shared by .ma, .mb and .project): check the scene
 * exists, report bytes read as progress (begin, a report every 8 MB, always an end), and, for the
 * text formats, stream the file in chunks with one error mapping.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ProgressListener } from '../../../../protocol/src/progress';
import { AbortedError, FarmError, throwIfAborted } from '../../errors';
import { CGFileNotExistsError, SceneParseError } from '../errors';

const REPORT_EVERY = 8 << 20;
const CHUNK = 1 << 20;

/** Options every static reader takes. */
export interface StaticReadOptions {
  signal?: AbortSignal;
  /** Bytes read: begin, a report every 8 MB, end. */
  onProgress?: ProgressListener;
}

/** Size of the scene file; CGFileNotExistsError (tip 15024) when it is missing or not a file. */
export async function sceneSize(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new CGFileNotExistsError(`The scene file ${path} does not exist; check the path.`, { details: { file: path } });
  }
  return info.size;
}

/** Progress of reading one scene file of `total` bytes. */
export class ReadProgress {
  private last = 0;
  private ended = false;

  constructor(private readonly listener: ProgressListener | undefined, private readonly total: number, title: string) {
    listener?.({ kind: 'begin', title, stage: 'read', cancellable: true, bytes: { transferred: 0, total } });
  }

  /** Bytes read so far (reported at most every 8 MB). */
  at(offset: number): void {
    if (!this.listener || offset - this.last < REPORT_EVERY) return;
    this.last = offset;
    this.listener({ kind: 'report', stage: 'read', bytes: { transferred: Math.min(offset, this.total), total: this.total } });
  }

  /** The one `end`, on success or failure. */
  end(ok: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.listener?.(ok
      ? { kind: 'end', stage: 'read', bytes: { transferred: this.total, total: this.total } }
      : { kind: 'end', stage: 'read', message: 'failed' });
  }
}

/** Runs `read` for an existing scene between one progress `begin` and one `end` (failed on a throw). */
export async function readWithProgress<T>(path: string, options: StaticReadOptions, title: string, read: (progress: ReadProgress) => Promise<T>): Promise<T> {
  throwIfAborted(options.signal);
  const progress = new ReadProgress(options.onProgress, await sceneSize(path), title);
  try {
    const result = await read(progress);
    progress.end(true);
    return result;
  } finally {
    progress.end(false);
  }
}

/** A text reader fed by `streamSceneText`. */
export interface TextSink {
  /** Takes the next chunk (the first without its UTF-8 BOM); may throw SceneParseError. */
  push(chunk: Buffer, first: boolean): void;
  /** Bytes consumed so far, for progress and error offsets. */
  readonly offset: number;
}

/**
 * Streams a text scene into `sink` in 1 MB chunks (memory stays bounded for scenes of hundreds of MB).
 * Cancel gives AbortedError; an I/O error gives SceneParseError at the current offset. Resolves with
 * false when the file had no bytes at all.
 */
export async function streamSceneText(path: string, options: StaticReadOptions, progress: ReadProgress, sink: TextSink): Promise<boolean> {
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  let first = true;
  try {
    for await (const chunk of stream) {
      throwIfAborted(options.signal);
      let buf = chunk as Buffer;
      if (first && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      sink.push(buf, first);
      first = false;
      progress.at(sink.offset);
    }
  } catch (e) {
    if (e instanceof FarmError) throw e;
    if (options.signal?.aborted) throw new AbortedError(undefined, { cause: e });
    throw new SceneParseError(path, sink.offset, `read failed: ${(e as Error).message}`, e);
  } finally {
    stream.destroy();
  }
  return !first;
}
