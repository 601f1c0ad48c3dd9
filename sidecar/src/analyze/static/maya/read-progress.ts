/**
 * What every static reader does around its walk (shared by .ma, .mb and .project): check the scene
 * exists, and report bytes read as progress (begin, a report every 8 MB, always an end).
 */
import { stat } from 'node:fs/promises';
import type { ProgressListener } from '../../../../../protocol/src/progress';
import { CGFileNotExistsError } from '../../errors';

const REPORT_EVERY = 8 << 20;

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
