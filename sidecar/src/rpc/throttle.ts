/**
 * Rate-limits one job's progress notifications: at most one per `intervalMs`, the newest wins,
 * and `flush()` sends the pending one at once (the last progress before `job/end` is never lost).
 * A value that `isUrgent` marks (e.g. the first of a new stage) is never coalesced away: the pending
 * one is sent, then it, so a client sees every stage of a job even when each lasts a few ms.
 */
export class ProgressThrottle<T> {
  private last = Number.NEGATIVE_INFINITY;
  private pending: T | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSent: T | undefined;

  constructor(
    private readonly send: (value: T) => void,
    private readonly intervalMs = 250,
    private readonly now: () => number = Date.now,
    private readonly isUrgent: (lastSent: T | undefined, next: T) => boolean = () => false,
  ) {}

  /** Offers a value; sends now if the interval has passed or it is urgent, else keeps it as the pending one. */
  push(value: T): void {
    if (this.isUrgent(this.pending ?? this.lastSent, value)) {
      this.flush();
      this.emit(value);
      return;
    }
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0 && this.timer === undefined) {
      this.emit(value);
      return;
    }
    this.pending = value;
    this.timer ??= setTimeout(() => this.flush(), Math.max(wait, 0));
  }

  /** Sends the pending value, if any, now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === undefined) return;
    const value = this.pending;
    this.pending = undefined;
    this.emit(value);
  }

  /** Drops the pending value and the timer. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private emit(value: T): void {
    this.last = this.now();
    this.lastSent = value;
    this.send(value);
  }
}
