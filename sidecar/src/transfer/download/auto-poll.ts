/**
 * The polling loop of `autoDownload` and `autoDownloadAfterTaskCompleted`: one queryTaskInfo per
 * round for every pending task, each task's new files fetched (or, after-completed, only once it has
 * ended), failed rounds (farm 5xx, network) reported and retried a bounded number of times.
 */
import { fetchTaskInfo, type DownloadApi } from './api-shape';
import { sleep } from './backoff';
import type { NormalisedCall } from './call-options';
import { DownloadFailed, TaskNotFoundError } from './errors';
import type { DownloadEvents } from './events';
import { fetchFolders, mergeOutcome, type FetchContext, type FetchOutcome, type FolderJob } from './fetch-folders';
import { toReport, type DownloadReport } from './report';
import { judgeTask, normaliseTask, type TaskNode } from './task-status';

export type PollMode = 'auto' | 'after-completed';

/** What the loop needs from its RayvisionDownload. */
export interface PollHost {
  api: DownloadApi;
  emit: DownloadEvents['emit'];
  log(call: NormalisedCall, message: string): void;
  jobsFor(call: NormalisedCall, signal?: AbortSignal, nodes?: TaskNode[]): Promise<FolderJob[]>;
}

/** One polling round: statuses of all pending tasks in one call, then each task's new files. */
async function round(host: PollHost, mode: PollMode, call: NormalisedCall, ctx: FetchContext, total: FetchOutcome, tasks: DownloadReport['tasks'], pending: Set<string>, failedEnded: string[], first: boolean): Promise<void> {
  const nodes = (await fetchTaskInfo(host.api, [...pending].map(Number), ctx.signal)).map(normaliseTask);
  // A task the farm does not know at the start never appears: waiting for it would poll forever.
  if (first) {
    const missing = [...pending].filter((id) => !nodes.some((n) => n.taskId === id));
    if (missing.length) throw new TaskNotFoundError(missing);
  }
  for (const id of pending) {
    if (nodes.some((n) => n.taskId === id)) continue;
    tasks[id] = { state: 'unknown', codes: [] };
    host.emit('status', { taskId: id, state: 'unknown', codes: [] });
  }
  for (const node of nodes.filter((n) => pending.has(n.taskId))) {
    const verdict = judgeTask(node, call.isTestStop);
    tasks[node.taskId] = { state: verdict.state, codes: verdict.codes };
    host.emit('status', { taskId: node.taskId, state: verdict.state, codes: verdict.codes });
    if (verdict.unknownCodes.length > 0) host.emit('unknown-status', { taskId: node.taskId, codes: verdict.unknownCodes });
    const ended = verdict.state === 'ended';
    if (mode === 'after-completed' && !ended) continue;
    const outcome = await fetchFolders(ctx, await host.jobsFor(call, ctx.signal, [node]));
    mergeOutcome(total, outcome);
    if (!ended) continue;
    const ok = outcome.failed.length === 0;
    pending.delete(node.taskId);
    host.log(call, `The tasks end: ${node.taskId}`);
    host.emit('task-end', { taskId: node.taskId, ok });
    if (!ok && mode === 'after-completed') {
      throw new DownloadFailed(`Task ${node.taskId} ended but ${outcome.failed.length} file(s) failed to download; run again to resume.`, { details: { report: toReport(total, tasks) } });
    }
    if (!ok) failedEnded.push(node.taskId);
  }
}

/** The polling loop of both auto modes: statuses for all pending tasks in one call per round. */
export async function pollTasks(host: PollHost, mode: PollMode, call: NormalisedCall, ctx: FetchContext, total: FetchOutcome, tasks: DownloadReport['tasks']): Promise<void> {
  const pending = new Set(call.taskIds.map(String));
  const failedEnded: string[] = [];
  let roundErrors = 0;
  let first = true;
  while (pending.size > 0) {
    try {
      await round(host, mode, call, ctx, total, tasks, pending, failedEnded, first);
      first = false;
      roundErrors = 0;
    } catch (error) {
      if (ctx.signal?.aborted || !isTransient(error)) throw error;
      roundErrors += 1;
      host.emit('round-error', { error: error as Error, consecutive: roundErrors });
      host.log(call, `polling round failed (${roundErrors} in a row): ${(error as Error).message}`);
      if (roundErrors >= (call.maxRoundErrors ?? 10)) throw error;
    }
    if (pending.size > 0) await sleep(call.pollMs ?? 10_000, ctx.signal);
  }
  if (failedEnded.length > 0) {
    throw new DownloadFailed(`Finally tasks download failed: [${failedEnded.join(', ')}]`, { details: { report: toReport(total, tasks), taskIds: failedEnded } });
  }
}

/** Errors worth another polling round: API 5xx/network failures and retryable storage errors. */
function isTransient(error: unknown): boolean {
  const e = error as { code?: string; retryable?: boolean } | null;
  return e?.retryable === true || ['ERR_API', 'ERR_FARM_INTERNAL', 'ERR_NETWORK', 'ERR_TIMEOUT', 'ERR_HTTP'].includes(e?.code ?? '');
}
