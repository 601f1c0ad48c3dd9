/**
 * Parses the transmitter's stdout lines (spec/transfer.md §2.4) into events. The exact spacing of
 * the vendor's lines is not certain, so the patterns are tolerant: they key on the documented words
 * and the path in parentheses.
 */

export type TransmitterLine =
  | { kind: 'file-begin'; op: string; path: string }
  | { kind: 'file-progress'; op: string; path: string; speedKBps?: number; percent?: number }
  | { kind: 'file-done'; op: string; path: string }
  | { kind: 'file-fail' | 'file-interrupt'; op: string; path: string; errorCode?: number; message: string }
  | { kind: 'path-error'; path: string; message: string }
  | { kind: 'task-result'; op: string; ok: boolean; recoverable: boolean; message: string }
  | { kind: 'other'; message: string };

const FILE = /^(upload|download)\s+file\s+(begin|progress|done|fail|interrupt)\s*\((.*)\)(.*)$/i;
const PATH_ERR = /^(?:get path|open path|open directory)\s*\((.*)\)\s*(?:info\s+)?failed/i;
const TASK = /^(upload|download)\s+task\s+(.*)$/i;

/** One stdout line → an event; unknown lines are `other`. */
export function parseTransmitterLine(raw: string): TransmitterLine {
  const line = raw.trim();
  const file = FILE.exec(line);
  if (file) {
    const op = file[1]!.toLowerCase();
    const what = file[2]!.toLowerCase();
    const path = file[3]!;
    const rest = file[4] ?? '';
    if (what === 'progress') {
      const speed = /speed:\s*([\d.]+)\s*KB\/S/i.exec(rest);
      const pct = /progress:\s*([\d.]+)\s*%/i.exec(rest);
      return { kind: 'file-progress', op, path, speedKBps: speed ? Number(speed[1]) : undefined, percent: pct ? Number(pct[1]) : undefined };
    }
    if (what === 'fail' || what === 'interrupt') {
      const err = /error-(-?\d+)\s*:?\s*(.*)$/i.exec(rest);
      return { kind: what === 'fail' ? 'file-fail' : 'file-interrupt', op, path, errorCode: err ? Number(err[1]) : undefined, message: (err?.[2] ?? rest).trim() };
    }
    return { kind: what === 'begin' ? 'file-begin' : 'file-done', op, path };
  }
  const pathErr = PATH_ERR.exec(line);
  if (pathErr) return { kind: 'path-error', path: pathErr[1]!, message: line };
  const task = TASK.exec(line);
  if (task && /(success|failure|has failure)/i.test(task[2]!)) {
    const ok = /success/i.test(task[2]!);
    return { kind: 'task-result', op: task[1]!.toLowerCase(), ok, recoverable: /recoverable/i.test(task[2]!), message: line };
  }
  return { kind: 'other', message: line };
}
