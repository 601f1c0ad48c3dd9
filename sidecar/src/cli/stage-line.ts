/**
 * One stage of a job as one terminal line: label, bar and percentage (when a total is known),
 * the counters (files, frames, bytes), rate, ETA and the stage's message. Pure: the progress
 * board (progress-board.ts) draws these lines; a line never reaches the terminal's last column,
 * and on a narrow terminal the least useful parts go first.
 */
import type { Counter } from '../../../protocol/src/index';

export interface StageView {
  stage: string;
  message?: string | undefined;
  bytes?: Counter | undefined;
  files?: Counter | undefined;
  frames?: Counter | undefined;
  /** Bytes per second (sent by the sidecar, or measured from the counters). */
  rate?: number | undefined;
  /** Seconds left, when a total and a rate are known. */
  etaSeconds?: number | undefined;
  done: boolean;
  elapsedMs: number;
}

/** The terminal's width; a terminal that reports 0 (or nothing) columns gets the classic 80. */
export function terminalColumns(stream: { columns?: number }): number {
  const c = stream.columns;
  return typeof c === 'number' && Number.isFinite(c) && c > 0 ? c : 80;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u += 1;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${UNITS[u]}`;
}

/** 75 → "1m15s". */
export function formatSeconds(s: number): string {
  const t = Math.max(0, Math.round(s));
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}

/** The counter the bar and the percentage follow: bytes, else files, else frames (the first with a total). */
export function mainCounter(v: Pick<StageView, 'bytes' | 'files' | 'frames'>): Counter | undefined {
  return [v.bytes, v.files, v.frames].find((c) => c?.total !== undefined && c.total > 0);
}

function counts(v: StageView): string {
  const parts: string[] = [];
  const of = (c: Counter) => `${c.transferred}${c.total !== undefined ? `/${c.total}` : ''}`;
  const noun = (c: Counter, word: string) => `${of(c)} ${word}${c.transferred === 1 && c.total === undefined ? '' : 's'}`;
  if (v.files) parts.push(noun(v.files, 'file'));
  if (v.frames) parts.push(noun(v.frames, 'frame'));
  if (v.bytes) parts.push(v.bytes.total !== undefined ? `${formatBytes(v.bytes.transferred)}/${formatBytes(v.bytes.total)}` : formatBytes(v.bytes.transferred));
  return parts.join('  ');
}

function bar(ratio: number, width: number): string {
  const n = Math.round(Math.min(1, Math.max(0, ratio)) * width);
  return `[${'#'.repeat(n)}${'-'.repeat(width - n)}]`;
}

/** The line for `v` in a terminal of `columns` columns; `labelWidth` aligns the stages' bars. */
export function stageLine(v: StageView, columns: number, labelWidth = v.stage.length): string {
  const max = Math.max(0, columns - 1);
  const main = mainCounter(v);
  const ratio = main ? main.transferred / main.total! : undefined;
  const pct = ratio !== undefined ? `${Math.floor(Math.min(1, ratio) * 100)}%` : '';
  const parts = {
    label: v.stage.padEnd(labelWidth),
    count: counts(v),
    state: v.done ? `done in ${formatSeconds(v.elapsedMs / 1000)}` : '',
    rate: !v.done && v.rate && v.rate > 0 && v.bytes ? `${formatBytes(Math.round(v.rate))}/s` : '',
    eta: !v.done && v.etaSeconds !== undefined && Number.isFinite(v.etaSeconds) ? `ETA ${formatSeconds(v.etaSeconds)}` : '',
    message: v.message ?? '',
  };
  let barWidth = ratio !== undefined ? 24 : 0;
  const compose = () =>
    [parts.label, ratio !== undefined ? `${barWidth > 0 ? `${bar(ratio, barWidth)} ` : ''}${pct}` : '', parts.count, parts.state, parts.rate, parts.eta, parts.message]
      .filter((s) => s !== '')
      .join('  ');
  // What goes first when the line is too long: the message, the ETA, the rate, the time taken; then the bar narrows.
  const shrink = [() => (parts.message = ''), () => (parts.eta = ''), () => (parts.rate = ''), () => (parts.state = '')];
  let line = compose();
  while (line.length > max) {
    const step = shrink.shift();
    if (step) step();
    else if (barWidth > 8) barWidth -= 4;
    else if (barWidth > 0) barWidth = 0;
    else return line.slice(0, max);
    line = compose();
  }
  return line;
}
