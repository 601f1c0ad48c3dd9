/**
 * The farm's task status codes (`taskStatus`, spec/api.md §8.3) and readable names for them. The
 * farm's own `statusText` is an i18n key (`render_task_status_25`), not something to show a user.
 */
export const TASK_STATUS_NAMES: Readonly<Record<number, string>> = Object.freeze({
  0: 'waiting',
  5: 'rendering',
  8: 'pre-rendering',
  10: 'stopped',
  15: 'stopped by user',
  20: 'stopped (arrears)',
  23: 'stopped (timeout)',
  25: 'finished',
  30: 'finished with failed frames',
  35: 'abandoned',
  40: 'test frames done',
  45: 'failed',
  50: 'analysing',
  100: 'updating',
});

/** The name of a task status code; a code this SDK does not know is `unknown (N)`. */
export function taskStatusName(code: unknown): string {
  const n = typeof code === 'number' ? code : typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : undefined;
  if (n === undefined) return `unknown (${String(code)})`;
  return TASK_STATUS_NAMES[n] ?? `unknown (${n})`;
}
