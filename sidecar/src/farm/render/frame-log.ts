/**
 * Per-frame render logs (showLog): the render loop and the user's operations append timestamped
 * lines to the frame as things happen, so a log tells the frame's real story (tries, failures).
 */
import type { FarmContext } from '../context';

const pad = (n: number): string => String(n).padStart(2, '0');

function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Appends one line to a frame's log. */
export function logFrame(ctx: FarmContext, frameId: number, text: string): void {
  ctx.db.prepare("UPDATE frames SET log = log || ? WHERE id = ?").run(`[${stamp(ctx.now())}] ${text}\n`, frameId);
}

/** The log of a frame as lines (empty before the frame first started). */
export function frameLogLines(log: string | null): string[] {
  return (log ?? '').split('\n').filter((l) => l !== '');
}
