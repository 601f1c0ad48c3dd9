/**
 * One progress stream for a whole download call, across folders, engine calls and polling rounds:
 * totals grow as files are planned, counts only rise, and `end` comes exactly once.
 */
import type { Progress, ProgressListener } from '../../../../protocol/src/progress';

/** Accumulates counts over a call and sends them as begin / report / end. */
export class ProgressTally {
  bytesDone = 0;
  bytesTotal = 0;
  filesDone = 0;
  filesTotal = 0;
  /** Landed files whose name carries a frame number (the total is unknown while a task renders). */
  framesDone = 0;
  private ended = false;

  /**
   * `withTotals` false (auto modes): the totals are unknown while tasks render, so none are sent and
   * a reader's percentage can never fall when new frames appear.
   */
  constructor(private readonly listener?: ProgressListener, private readonly withTotals = true) {}

  private send(kind: Progress['kind'], extra: Partial<Progress> = {}): void {
    if (!this.listener || this.ended) return;
    this.listener({
      kind,
      bytes: { transferred: this.bytesDone, ...(this.withTotals ? { total: Math.max(this.bytesTotal, this.bytesDone) } : {}) },
      files: { transferred: this.filesDone, ...(this.withTotals ? { total: Math.max(this.filesTotal, this.filesDone) } : {}) },
      ...(this.framesDone > 0 ? { frames: { transferred: this.framesDone } } : {}),
      ...extra,
    } as Progress);
  }

  begin(title: string): void {
    this.send('begin', { title, cancellable: true } as Partial<Progress>);
  }

  /** Adds files (and their bytes) that will be fetched. */
  plan(files: number, bytes: number): void {
    this.filesTotal += files;
    this.bytesTotal += bytes;
  }

  /** A listener for one engine call: turns its cumulative byte counts into increments. */
  engineListener(): ProgressListener {
    let seen = 0;
    return (p) => {
      const now = p.bytes?.transferred ?? seen;
      if (now > seen) {
        this.bytesDone += now - seen;
        seen = now;
        this.send('report', p.currentFile ? { currentFile: p.currentFile } : {});
      }
    };
  }

  fileDone(localPath: string, frame?: number): void {
    this.filesDone += 1;
    if (frame !== undefined) this.framesDone += 1;
    this.send('report', { currentFile: localPath });
  }

  message(message: string): void {
    this.send('report', { message });
  }

  end(message?: string): void {
    this.send('end', message ? { message } : {});
    this.ended = true;
  }
}
