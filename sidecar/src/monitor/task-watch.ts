/**
 * The farm side of the monitor, polled once for every watcher: account, the newest tasks and the
 * frames of the tasks some watcher looks at. Each watcher gets only the parts that changed since
 * its last snapshot (the first one gets every part). Polls every `pollMs` while someone watches,
 * and soon after `pollSoon()` (an action, a landed frame); polls never overlap.
 */
import type { RayvisionAPI } from '../api/index';
import { toMonitorAccount, toMonitorFrame, toMonitorTask, type MonitorAccount, type MonitorFrame, type MonitorTask } from './summarize';

export interface WatchParts {
  account?: MonitorAccount | null;
  tasks?: MonitorTask[];
  frames?: { taskId: number; items: MonitorFrame[] }[];
  error?: string | null;
  [extra: string]: unknown;
}

export interface TaskWatchOptions {
  /** The logged-in client, or undefined when logged out (the snapshot then has no account and no tasks). */
  api(): RayvisionAPI | undefined;
  pollMs: number;
  /** Tasks listed (newest first). Default 200. */
  pageSize?: number;
  /** Parts added to every snapshot besides the farm's (session, local outputs …). */
  extra?(): Record<string, unknown>;
  /** Aborts REST calls in flight (logout). */
  signal?(): AbortSignal | undefined;
}

interface Watcher {
  taskIds: number[];
  send(parts: WatchParts): void;
  last: Map<string, string>;
}

interface FarmState {
  account: MonitorAccount | null;
  tasks: MonitorTask[];
  frames: Map<number, MonitorFrame[]>;
  error: string | null;
}

/** One poller for every watcher of the sidecar. */
export class TaskWatch {
  private readonly watchers = new Map<string, Watcher>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private state: FarmState = { account: null, tasks: [], frames: new Map(), error: null };

  constructor(private readonly opts: TaskWatchOptions) {}

  get pollMs(): number {
    return this.opts.pollMs;
  }

  /** Adds or updates a watcher; it gets a full snapshot after the next poll, which starts at once. */
  watch(id: string, taskIds: number[], send: (parts: WatchParts) => void): void {
    const prev = this.watchers.get(id);
    this.watchers.set(id, { taskIds: [...new Set(taskIds)], send, last: prev?.last ?? new Map() });
    if (prev) prev.last.delete('frames'); // new focus: send its frames even if unchanged
    this.pollSoon(0);
  }

  unwatch(id: string): void {
    this.watchers.delete(id);
    if (this.watchers.size === 0) this.clearTimer();
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  /** Polls after `delayMs` (default 200), unless a poll is due sooner. */
  pollSoon(delayMs = 200): void {
    if (this.stopped || this.watchers.size === 0) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    this.schedule(delayMs);
  }

  /** Re-sends the non-farm parts (session, local) without polling the farm. */
  refreshExtra(): void {
    this.deliver();
  }

  /** Polls now and resolves when every watcher got its snapshot (tests, shutdown). */
  async pollNow(): Promise<void> {
    if (this.polling) {
      this.again = true;
      await this.polling;
      return;
    }
    this.clearTimer();
    this.polling = this.poll().finally(() => {
      this.polling = undefined;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      } else this.schedule(this.opts.pollMs);
    });
    await this.polling;
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.watchers.clear();
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.watchers.size === 0) return;
    if (this.timer && delayMs >= this.opts.pollMs) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollNow();
    }, delayMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    const api = this.opts.api();
    if (!api) {
      this.state = { account: null, tasks: [], frames: new Map(), error: null };
      this.deliver();
      return;
    }
    const signal = this.opts.signal?.();
    const call = signal ? { signal } : {};
    const focus = [...new Set([...this.watchers.values()].flatMap((w) => w.taskIds))];
    try {
      const [profile, page, ...frames] = await Promise.all([
        api.user.queryUserProfile(call),
        api.query.getTaskList(1, this.opts.pageSize ?? 200, null, null, null, null, null, call),
        ...focus.map((id) => api.query.getAllFrames(id, undefined, undefined, undefined, call)),
      ]);
      const items = (page as { items?: unknown[] } | null)?.items ?? [];
      const frameMap = new Map<number, MonitorFrame[]>();
      focus.forEach((id, i) => {
        const list = Object.values((frames[i] ?? {}) as Record<string, unknown>).map(toMonitorFrame).filter((f): f is MonitorFrame => !!f);
        frameMap.set(id, list.sort((a, b) => a.id - b.id));
      });
      this.state = {
        account: toMonitorAccount(profile),
        tasks: items.map(toMonitorTask).filter((t): t is MonitorTask => !!t),
        frames: frameMap,
        error: null,
      };
    } catch (err) {
      // Keep the last good parts; say why this poll failed (the farm's message).
      this.state = { ...this.state, error: (err as Error).message };
    }
    this.deliver();
  }

  private deliver(): void {
    const extra = this.opts.extra?.() ?? {};
    for (const w of this.watchers.values()) {
      const parts: WatchParts = {};
      const offer = (key: string, value: unknown) => {
        const json = JSON.stringify(value);
        if (w.last.get(key) === json) return;
        w.last.set(key, json);
        parts[key] = value;
      };
      for (const [k, v] of Object.entries(extra)) offer(k, v);
      offer('account', this.state.account);
      offer('tasks', this.state.tasks);
      offer('frames', w.taskIds.filter((id) => this.state.frames.has(id)).map((id) => ({ taskId: id, items: this.state.frames.get(id)! })));
      offer('error', this.state.error);
      if (Object.keys(parts).length > 0) w.send(parts);
    }
  }
}
