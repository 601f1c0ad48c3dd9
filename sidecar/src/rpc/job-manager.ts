/**
 * Runs long work as jobs: an id at once, progress fanned out to every subscribed connection
 * (throttled), exactly one `job/end`, cancel through an AbortSignal, and a replay for late or
 * reconnecting subscribers. Ended jobs are kept for `keepEnded` entries so `job/subscribe` still works.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCodes } from '../../../protocol/src/error-codes';
import { inFieldWords, type FieldNames } from '../../../protocol/src/field-words';
import type { Progress, RpcError } from '../../../protocol/src/index';
import type { JobInfo, JobState } from '../../../protocol/src/jobs';
import { AbortedError } from '../errors';
import { ProgressThrottle } from './throttle';
import { RpcException, toRpcError } from './rpc-errors';

/** Whoever can receive notifications (a connection). */
export interface Subscriber {
  readonly id: string;
  /** The profile a connection works for: the jobs it starts are that profile's. */
  readonly profile?: string;
  notify(method: string, params: unknown): void;
}

/** What a job's body receives: cancel, progress, and a way to send its own notifications. */
export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  onProgress(progress: Progress): void;
  /** Sends a notification (e.g. `download/frame`) to the job's subscribers; `jobId` is added. */
  notify(method: string, params: Record<string, unknown>): void;
}

interface Job {
  info: JobInfo;
  /** Same-work key (startOrAttach): a running job with this key is followed, not duplicated. */
  key?: string;
  /** Running jobs only (the body's abort listeners hang on its signal). */
  controller?: AbortController;
  subscribers: Map<string, Subscriber>;
  /**
   * Running jobs only: its send closure holds the job's body and everything the body holds (the SDK
   * objects of a whole upload or download), so an ended job kept for replays lets go of it.
   */
  throttle?: ProgressThrottle<Progress>;
  end?: { ok: boolean; result?: unknown; error?: RpcError };
  done: Promise<void>;
}

export interface JobManagerOptions {
  progressIntervalMs?: number;
  keepEnded?: number;
  /** Called whenever the number of running jobs changes (the idle timer listens). */
  onActivity?: () => void;
}

/** With `profile`, only that profile's jobs (a job started without one is the default profile's). */
const ofProfile = (job: Job, profile: string | undefined): boolean => profile === undefined || (job.info.profile ?? 'default') === profile;

/** Every job of the sidecar: start, progress fan-out, cancel, subscribe, list. */
export class JobManager {
  private readonly jobs = new Map<string, Job>();
  /** Connections following every job (`job/watch`): subscribed to each new job as it starts. */
  private readonly watchers = new Map<string, Subscriber>();
  private readonly intervalMs: number;
  private readonly keepEnded: number;

  constructor(private readonly options: JobManagerOptions = {}) {
    this.intervalMs = options.progressIntervalMs ?? 250;
    this.keepEnded = options.keepEnded ?? 200;
  }

  /**
   * Starts `body` as a job owned (subscribed) by `owner`; returns its id at once. `fieldNames` maps
   * the SDK's option names to this method's params, so a failure speaks of what the caller passed.
   * `meta.taskIds`: the farm tasks it works on when the params name them (a progress `taskId` adds one later).
   */
  start(method: string, owner: Subscriber | undefined, body: (ctx: JobContext) => Promise<unknown>, fieldNames: FieldNames = {}, meta: { taskIds?: number[] } = {}): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    const subscribers = new Map<string, Subscriber>(this.watchers);
    if (owner) subscribers.set(owner.id, owner);
    const taskIds = [...new Set(meta.taskIds ?? [])];
    const profile = owner?.profile;
    const job: Job = {
      info: { jobId, method, state: 'running', startedAt: new Date().toISOString(), ...(profile ? { profile } : {}), ...(taskIds.length > 0 ? { taskIds } : {}) },
      controller,
      subscribers,
      throttle: new ProgressThrottle<Progress>(
        (p) => this.fanOut(job, 'job/progress', { jobId, progress: p }),
        this.intervalMs,
        Date.now,
        (prev, next) => prev === undefined || prev.stage !== next.stage,
      ),
      done: Promise.resolve(),
    };
    this.jobs.set(jobId, job);
    for (const w of this.watchers.values()) w.notify('job/started', { job: { ...job.info } });
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      onProgress: (progress) => {
        if (job.end) return;
        // One begin … reports … one end per job, whatever the SDK calls inside it emit: a nested
        // call's begin/end become reports; the job's own end is sent when the job finishes.
        const kind = job.info.progress === undefined ? 'begin' : 'report';
        const normalised = { ...progress, kind } as Progress;
        if (progress.taskId !== undefined && !job.info.taskIds?.includes(progress.taskId)) job.info.taskIds = [...(job.info.taskIds ?? []), progress.taskId];
        job.info.progress = normalised;
        job.throttle?.push(normalised);
      },
      notify: (m, params) => {
        if (!job.end) this.fanOut(job, m, { jobId, ...params });
      },
    };
    // Start on the next tick so the `{ jobId }` answer reaches the client before any notification.
    job.done = new Promise<void>((r) => setImmediate(r))
      .then(() => body(ctx))
      .then(
        (result) => this.finish(job, 'succeeded', { ok: true, result }),
        (err) => {
          const cancelled = controller.signal.aborted;
          // Whatever a cancelled body threw (an AbortedError, or the reason itself), the end says Aborted and why.
          const error = cancelled ? toRpcError(new AbortedError(undefined, { cause: controller.signal.reason })) : inParamWords(toRpcError(err), fieldNames);
          this.finish(job, cancelled ? 'cancelled' : 'failed', { ok: false, error });
        },
      );
    this.options.onActivity?.();
    return jobId;
  }

  /**
   * Starts `body` unless a job with the same `key` (method and params) still runs; then subscribes
   * `owner` to that job and answers its id with `attached: true`.
   */
  startOrAttach(
    method: string,
    key: string,
    owner: Subscriber | undefined,
    body: (ctx: JobContext) => Promise<unknown>,
    fieldNames: FieldNames = {},
    meta: { taskIds?: number[] } = {},
  ): { jobId: string; attached?: true } {
    const full = `${method}\0${key}`;
    for (const job of this.jobs.values()) {
      if (job.key === full && !job.end) {
        if (owner) this.subscribe(job.info.jobId, owner);
        return { jobId: job.info.jobId, attached: true };
      }
    }
    const jobId = this.start(method, owner, body, fieldNames, meta);
    this.jobs.get(jobId)!.key = full;
    return { jobId };
  }

  /** Cancels a running job; false when it had already ended. */
  cancel(jobId: string, reason = 'The job was cancelled by a client (job/cancel).'): boolean {
    const job = this.get(jobId);
    if (job.end) return false;
    job.info.cancelRequestedAt ??= new Date().toISOString();
    job.controller?.abort(new Error(reason));
    return true;
  }

  /** Subscribes a connection and replays the latest progress, then the end if the job ended. */
  subscribe(jobId: string, sub: Subscriber): JobInfo {
    const job = this.get(jobId);
    job.subscribers.set(sub.id, sub);
    const info = { ...job.info };
    queueMicrotask(() => {
      if (job.info.progress) sub.notify('job/progress', { jobId, progress: job.info.progress });
      if (job.end) sub.notify('job/end', { jobId, ...job.end });
    });
    return info;
  }

  /**
   * Follows every job from `sub`: the known ones now (replayed as `subscribe` does) and each new one
   * (announced with `job/started`). Returns the known jobs.
   */
  watch(sub: Subscriber): JobInfo[] {
    this.watchers.set(sub.id, sub);
    return [...this.jobs.keys()].map((id) => this.subscribe(id, sub));
  }

  unsubscribe(jobId: string, subId: string): void {
    this.get(jobId).subscribers.delete(subId);
  }

  /** Forgets a connection in every job (it closed); its jobs keep running for others to follow. */
  dropSubscriber(subId: string): void {
    this.watchers.delete(subId);
    for (const job of this.jobs.values()) job.subscribers.delete(subId);
  }

  /** What the manager holds, for tests of its bounds: jobs, running ones, and ended ones still holding their body. */
  holdings(): { jobs: number; running: number; endedHoldingBody: number; watchers: number } {
    let running = 0;
    let endedHoldingBody = 0;
    for (const j of this.jobs.values()) {
      if (!j.end) running += 1;
      else if (j.throttle || j.controller) endedHoldingBody += 1;
    }
    return { jobs: this.jobs.size, running, endedHoldingBody, watchers: this.watchers.size };
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => ({ ...j.info }));
  }

  runningCount(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (!j.end) n += 1;
    return n;
  }

  /** Settles when every job running now has ended (jobs started later are not waited for). */
  idle(profile?: string): Promise<void> {
    return Promise.all([...this.jobs.values()].filter((j) => !j.end && ofProfile(j, profile)).map((j) => j.done)).then(() => {});
  }

  /** Resolves when the job has ended (for in-process callers and tests). */
  async wait(jobId: string): Promise<JobInfo> {
    const job = this.get(jobId);
    await job.done;
    return { ...job.info };
  }

  /**
   * Cancels every running job and waits for them to end, or for `graceMs` at most: jobs stop at their
   * next safe point, and a stuck SDK call must not hold a shutdown or a logout.
   */
  async cancelAll(reason = 'The job was cancelled: the sidecar is shutting down.', graceMs = Infinity, profile?: string): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => !j.end && ofProfile(j, profile));
    for (const j of running) j.controller?.abort(new Error(reason));
    const ended = Promise.all(running.map((j) => j.done)).then(() => {});
    if (graceMs === Infinity) return ended;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([ended, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
  }

  private get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new RpcException(ErrorCodes.JobNotFound, `No job "${jobId}": it never existed or ended long ago (see job/list).`);
    return job;
  }

  private finish(job: Job, state: JobState, end: NonNullable<Job['end']>): void {
    const last = job.info.progress;
    if (last) {
      // The job's own end: the last counters, and why it stopped when it failed.
      const message = end.ok ? last.message : (end.error?.message ?? 'failed');
      const final: Progress = {
        kind: 'end',
        ...(last.stage ? { stage: last.stage } : {}),
        ...(last.bytes ? { bytes: last.bytes } : {}),
        ...(last.files ? { files: last.files } : {}),
        ...(last.frames ? { frames: last.frames } : {}),
        ...(message ? { message } : {}),
      };
      job.info.progress = final;
      job.throttle?.push(final);
    }
    job.throttle?.flush();
    job.throttle?.dispose();
    job.throttle = undefined;
    job.controller = undefined;
    job.end = end;
    job.info.state = state;
    job.info.endedAt = new Date().toISOString();
    this.fanOut(job, 'job/end', { jobId: job.info.jobId, ...end });
    this.prune();
    this.options.onActivity?.();
  }

  private fanOut(job: Job, method: string, params: unknown): void {
    for (const sub of job.subscribers.values()) sub.notify(method, params);
  }

  private prune(): void {
    const ended = [...this.jobs.values()].filter((j) => j.end);
    for (const j of ended.slice(0, Math.max(0, ended.length - this.keepEnded))) this.jobs.delete(j.info.jobId);
  }
}

/** An SDK error reworded with the method's param names (protocol/src/field-words.ts). */
function inParamWords(error: RpcError, names: FieldNames): RpcError {
  const data = error.data as { details?: unknown } | undefined;
  if (!data?.details) return error;
  const worded = inFieldWords(error.message, data.details, names);
  return { ...error, message: worded.message, data: { ...data, details: worded.details } };
}
