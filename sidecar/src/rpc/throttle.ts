/**
 * Rate-limits one job's progress notifications: at most one per `intervalMs`, the newest wins,
 * and `flush()` sends the pending one at once (the last progress before `job/end` is never lost).
 */
export class ProgressThrottle<T> {
  private last = Number.NEGATIVE_INFINITY;
  private pending: T | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (value: T) => void,
    private readonly intervalMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  /** Offers a value; sends now if the interval has passed, else keeps it as the pending one. */
  push(value: T): void {
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
    this.send(value);
  }
}
