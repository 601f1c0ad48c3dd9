/**
 * Records of verified files, written in batches: one SQLite transaction or one Redis MSET per
 * `maxBatch` files (or per `delayMs` when files finish slowly), never one round trip per file.
 * A record is only ever buffered after the farm verified its file, so a crash that loses the buffer
 * loses no truth: those files are offered again and the farm, holding them complete, skips them.
 */
import type { RecordStore } from './record-store';

export interface RecordWriterOptions {
  /** Records per write (default 512). */
  maxBatch?: number;
  /** Longest wait before a partial batch is written (default 200 ms). */
  delayMs?: number;
  /** Told once per failed write (the upload goes on: the file is merely offered again next time). */
  onError?: (error: Error, count: number) => void;
}

export class RecordWriter {
  private buffer: [string, string][] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Writes run one after another, in order. */
  private chain: Promise<void> = Promise.resolve();
  private readonly maxBatch: number;
  private readonly delayMs: number;
  /** Records written so far, and records the store refused. */
  written = 0;
  failed = 0;

  constructor(private readonly store: RecordStore, private readonly opts: RecordWriterOptions = {}) {
    this.maxBatch = Math.max(1, opts.maxBatch ?? 512);
    this.delayMs = opts.delayMs ?? 200;
  }

  /** Buffer one record; it is written with the next batch. */
  add(key: string, value: string): void {
    this.buffer.push([key, value]);
    if (this.buffer.length >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Held in memory, not yet handed to the store (bounded by maxBatch). */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Hand the buffer to the store now; resolves once every write so far has ended. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length > 0) {
      const batch = this.buffer;
      this.buffer = [];
      this.chain = this.chain.then(() =>
        this.store.putMany(batch).then(
          () => void (this.written += batch.length),
          (e: Error) => {
            this.failed += batch.length;
            this.opts.onError?.(e, batch.length);
          },
        ),
      );
    }
    return this.chain;
  }
}
