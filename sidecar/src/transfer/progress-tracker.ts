/**
 * Turns byte and file events of a transfer into the one progress shape (protocol/src/progress.ts):
 * one `begin`, `report`s at most every `intervalMs` (10,000 small files must not mean 10,000 events),
 * one `end` with the final counters.
 * Counters never fall, even when a retry re-sends bytes; speed is measured over a sliding window.
 */
import type { Progress, ProgressListener } from '../../../protocol/src/progress';

export class ProgressTracker {
  private bytes = 0;
  private files = 0;
  private lastEmit = 0;
  private currentFile: string | undefined;
  private ended = false;
  /** (time ms, cumulative bytes) samples for the speed window. */
  private samples: [number, number][] = [];

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly totals: { bytes: number; files: number; title: string; stage?: string },
    private readonly intervalMs = 200,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private snapshot(kind: Progress['kind'], message?: string): Progress {
    return {
      kind,
      ...(kind === 'begin' ? { title: this.totals.title, cancellable: true } : {}),
      ...(this.totals.stage ? { stage: this.totals.stage } : {}),
      ...(message ? { message } : {}),
      bytes: { transferred: Math.min(this.bytes, this.totals.bytes), total: this.totals.bytes },
      files: { transferred: this.files, total: this.totals.files },
      ...(this.currentFile ? { currentFile: this.currentFile } : {}),
      speedBps: this.speed(),
    } as Progress;
  }

  private speed(): number {
    const s = this.samples;
    if (s.length < 2) return 0;
    const [t0, b0] = s[0]!;
    const [t1, b1] = s[s.length - 1]!;
    return t1 > t0 ? Math.round(((b1 - b0) * 1000) / (t1 - t0)) : 0;
  }

  begin(message?: string): void {
    this.samples.push([this.now(), 0]);
    this.listener?.(this.snapshot('begin', message));
  }

  /** Bytes handed to the network (or found already on the other side). */
  addBytes(n: number, file?: string): void {
    this.bytes += n;
    if (file) this.currentFile = file;
    this.maybeEmit();
  }

  /** A file finished and was verified. */
  fileDone(file: string): void {
    this.filesDone(1, file);
  }

  /** `n` files finished and were verified (counters relayed from a part of the transfer). */
  filesDone(n: number, file?: string): void {
    this.files = Math.min(this.files + n, this.totals.files);
    if (file) this.currentFile = file;
    this.maybeEmit();
  }

  private maybeEmit(): void {
    const t = this.now();
    if (t - this.lastEmit < this.intervalMs) return;
    this.record(t);
    this.listener?.(this.snapshot('report'));
  }

  private record(t: number): void {
    this.lastEmit = t;
    this.samples.push([t, this.bytes]);
    while (this.samples.length > 2 && t - this.samples[0]![0] > 3000) this.samples.shift();
  }

  /** Always called once, success or failure. */
  end(message?: string): void {
    if (this.ended) return;
    this.ended = true;
    this.record(this.now());
    this.listener?.(this.snapshot('end', message));
  }
}
