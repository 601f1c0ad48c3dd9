/**
 * Fault injection for tests of retry, resume and polling code: latency, a share of 5xx answers
 * (JSON or HTML gateway pages), dropped connections, hung requests, odd task statuses, failing frames
 * and tasks that never end. Shares are applied deterministically (every 1/rate-th request), so a
 * test of "50% errors" sees exactly every second request fail.
 */

export interface FarmFaults {
  /** Milliseconds added before every answer in scope. */
  latencyMs?: number;
  /** Share (0–1) of requests answered with a 5xx status. */
  errorRate?: number;
  /** After this many injected 5xx answers the error fault ends by itself (a spell measured in requests, not time). */
  errorBudget?: number;
  /** Body of injected 5xx answers: a JSON envelope, an HTML gateway page, or alternating (default). */
  errorBody?: 'json' | 'html' | 'mixed';
  /** Share (0–1) of requests whose socket is destroyed without an answer. */
  dropRate?: number;
  /** Share (0–1) of requests that are never answered (until the farm closes). */
  hangRate?: number;
  /** Which requests the HTTP faults above touch (default 'all'). */
  scope?: 'api' | 'storage' | 'all';
  /** If set, only paths starting with one of these prefixes get HTTP faults. */
  paths?: string[];
  /** Storage GETs in scope send at most this many body bytes, then the connection is destroyed (resume tests). */
  cutDownloadsAfterBytes?: number;
  /** Storage chunk PUTs in scope are cut after this many body bytes (what arrived may be kept). */
  cutUploadsAfterBytes?: number;
  /** Task id → status code reported by queries instead of the real one (e.g. 15, 50, 100). */
  taskStatus?: Record<number, number>;
  /** Tasks (by id; `'all'` for every task) whose last frame never finishes, so they never end. */
  neverEnd?: number[] | 'all';
  /** Frame numbers that fail (frame status 5) on their first render; a recommit renders them fine. */
  failFrames?: number[];
}

export type HttpFault = { kind: 'error'; html: boolean; status: number } | { kind: 'drop' } | { kind: 'hang' };

/** Holds the current faults and decides, request by request, which HTTP fault to inject. */
export class FaultGate {
  private faults: FarmFaults = {};
  private acc = { error: 0, drop: 0, hang: 0 };
  private errors = 0;
  private readonly holds = new Map<'api' | 'storage', { until: Promise<void>; release: () => void }>();

  constructor(initial: FarmFaults = {}) {
    this.set(initial);
  }

  /** Replaces the faults (counters restart, so shares apply from the next request). */
  set(faults: FarmFaults): void {
    this.faults = { ...faults };
    this.acc = { error: 0, drop: 0, hang: 0 };
    this.errors = 0;
  }

  get current(): Readonly<FarmFaults> {
    return this.faults;
  }

  /**
   * Holds every `kind` request before it is read until the returned function is called: tests pause
   * the farm for as long as a step takes, instead of hoping a timer outlasts it.
   */
  hold(kind: 'api' | 'storage'): () => void {
    const existing = this.holds.get(kind);
    if (existing) return existing.release;
    let open!: () => void;
    const until = new Promise<void>((resolve) => (open = resolve));
    const release = (): void => {
      if (this.holds.get(kind)?.until === until) this.holds.delete(kind);
      open();
    };
    this.holds.set(kind, { until, release });
    return release;
  }

  /** The hold a `kind` request must wait for, if any. */
  heldUntil(kind: 'api' | 'storage'): Promise<void> | undefined {
    return this.holds.get(kind)?.until;
  }

  /** Lets every held request through (the farm closes). */
  releaseAll(): void {
    for (const { release } of [...this.holds.values()]) release();
  }

  /** Latency to add for this request (0 when out of scope). */
  latency(kind: 'api' | 'storage', path: string): number {
    return this.inScope(kind, path) ? this.faults.latencyMs ?? 0 : 0;
  }

  /** The HTTP fault for this request, if any. */
  decide(kind: 'api' | 'storage', path: string): HttpFault | undefined {
    if (!this.inScope(kind, path)) return undefined;
    if (this.tick('drop', this.faults.dropRate)) return { kind: 'drop' };
    if (this.tick('hang', this.faults.hangRate)) return { kind: 'hang' };
    const budgetLeft = this.faults.errorBudget === undefined || this.errors < this.faults.errorBudget;
    if (budgetLeft && this.tick('error', this.faults.errorRate)) {
      this.errors += 1;
      const mode = this.faults.errorBody ?? 'mixed';
      const html = mode === 'html' || (mode === 'mixed' && this.errors % 2 === 0);
      const statuses = [500, 502, 503, 504];
      return { kind: 'error', html, status: html ? statuses[1 + (this.errors % 3)]! : 500 };
    }
    return undefined;
  }

  /** Byte budget after which a storage transfer on `path` is cut, if any. */
  cutAfter(direction: 'download' | 'upload', path: string): number | undefined {
    if (!this.inScope('storage', path)) return undefined;
    return direction === 'download' ? this.faults.cutDownloadsAfterBytes : this.faults.cutUploadsAfterBytes;
  }

  /** Whether `taskId` is marked to never end. */
  neverEnds(taskId: number): boolean {
    const n = this.faults.neverEnd;
    return n === 'all' || (Array.isArray(n) && n.includes(taskId));
  }

  /** The injected status for `taskId`, if any. */
  statusOf(taskId: number): number | undefined {
    return this.faults.taskStatus?.[taskId];
  }

  /** Whether frame `frame` should fail on its first render. */
  frameFails(frame: number): boolean {
    return this.faults.failFrames?.includes(frame) ?? false;
  }

  private inScope(kind: 'api' | 'storage', path: string): boolean {
    const scope = this.faults.scope ?? 'all';
    if (scope !== 'all' && scope !== kind) return false;
    const prefixes = this.faults.paths;
    return !prefixes || prefixes.some((p) => path.startsWith(p));
  }

  private tick(name: 'error' | 'drop' | 'hang', rate: number | undefined): boolean {
    if (!rate || rate <= 0) return false;
    this.acc[name] += Math.min(rate, 1);
    if (this.acc[name] >= 1 - 1e-9) {
      this.acc[name] -= 1;
      return true;
    }
    return false;
  }
}

/** The HTML body of an injected gateway error, as a load balancer would send it. */
export function gatewayPage(status: number): string {
  const title = status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Temporarily Unavailable' : 'Gateway Time-out';
  return `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
