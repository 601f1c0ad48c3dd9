/**
 * The one preflight step: everything local a job needs (folders, settings, files) is checked
 * before anything reaches the farm, so a job that would fail after rendering fails before
 * `createTask`. Checks are plain functions; each layer contributes its own (the check its assets,
 * the transfer layer its settings and folders). Every problem found is reported at once.
 */
import { AbortedError, FarmError, throwIfAborted } from '../errors';
import { bounded, DEFAULT_STEP_TIMEOUT_MS } from './bounded';

/** One thing a preflight check found wrong. */
export interface PreflightProblem {
  /** Stable code of the underlying error (ERR_FOLDER_NOT_WRITABLE …). */
  code: string;
  message: string;
  /** The library option the problem is about (`localPath`, `dbConfigPath` …), when there is one. */
  field?: string;
  /** The words in `message` that name the field, so an interface can put its own name there. */
  fieldPhrase?: string;
}

export interface PreflightContext {
  signal?: AbortSignal | undefined;
  /** Bound for each filesystem or network step. */
  timeoutMs: number;
}

/** A named local check: resolves with nothing when all is well; throws or returns problems otherwise. */
export interface PreflightCheck {
  name: string;
  run(ctx: PreflightContext): Promise<void | PreflightProblem[]>;
}

/** One or more preflight checks failed: nothing was sent to the farm. */
export class PreflightError extends FarmError {
  readonly problems: PreflightProblem[];
  constructor(problems: PreflightProblem[]) {
    const only = problems.length === 1 ? problems[0] : undefined;
    const message = only ? only.message : `${problems.length} problems, fix them and try again (nothing was sent to the farm):\n${problems.map((p) => `- ${p.message}`).join('\n')}`;
    super('ERR_PREFLIGHT', message, {
      details: {
        problems,
        // A single problem keeps its field at the top, where interfaces look for it.
        ...(only?.field ? { field: only.field } : {}),
        ...(only?.fieldPhrase ? { fieldPhrase: only.fieldPhrase } : {}),
      },
    });
    this.problems = problems;
  }
}

/** The problem an error thrown by a check stands for. */
export function problemOf(err: unknown): PreflightProblem {
  const e = err as FarmError;
  const d = (e?.details ?? {}) as Record<string, unknown>;
  return {
    code: typeof e?.code === 'string' ? e.code : 'ERR_PREFLIGHT',
    message: e?.message ?? String(err),
    ...(typeof d.field === 'string' ? { field: d.field } : {}),
    ...(typeof d.fieldPhrase === 'string' ? { fieldPhrase: d.fieldPhrase } : {}),
  };
}

/** Runs every check (one after another: they touch the same disks), then throws all problems at once. */
export async function runPreflight(checks: PreflightCheck[], options: { signal?: AbortSignal | undefined; timeoutMs?: number } = {}): Promise<void> {
  const ctx: PreflightContext = { signal: options.signal, timeoutMs: options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS };
  const problems: PreflightProblem[] = [];
  for (const check of checks) {
    throwIfAborted(options.signal);
    try {
      // A check gets a few step bounds in all; a check that still hangs is itself a problem.
      const found = await bounded(`preflight ${check.name}`, () => check.run(ctx), { signal: options.signal, timeoutMs: ctx.timeoutMs * 4 });
      if (found) problems.push(...found);
    } catch (err) {
      if (err instanceof AbortedError) throw err;
      problems.push(problemOf(err));
    }
  }
  if (problems.length) throw new PreflightError(problems);
}
