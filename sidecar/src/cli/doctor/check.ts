/** One finding of `rayvision doctor`: what was checked, how it stands, and what to do about it. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  /** Short id of the check, stable for scripts: runtime, sidecar, farm, record-db, keychain, plugins:<host>, disk:<what>. */
  check: string;
  status: CheckStatus;
  /** What was found, in one line (never a secret). */
  summary: string;
  /** What to do, when the status is warn or fail. */
  fix?: string;
}

export const ok = (check: string, summary: string): CheckResult => ({ check, status: 'ok', summary });
export const warn = (check: string, summary: string, fix: string): CheckResult => ({ check, status: 'warn', summary, fix });
export const fail = (check: string, summary: string, fix: string): CheckResult => ({ check, status: 'fail', summary, fix });

/** A check that threw is a failure of that check, not of the doctor. */
export async function guarded(check: string, run: () => Promise<CheckResult | CheckResult[]>): Promise<CheckResult[]> {
  try {
    const r = await run();
    return Array.isArray(r) ? r : [r];
  } catch (err) {
    return [fail(check, `the check itself failed: ${(err as Error).message}`, 'report this with the output of `rayvision --json doctor`')];
  }
}
