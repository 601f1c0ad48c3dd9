/**
 * What the CLI prints: progress bars on a TTY (progress-board.ts: one bar per stage), one line per
 * stage otherwise, or JSON lines with `--json` (every notification, then `{ "result": … }` or
 * `{ "error": … }`). `--quiet` prints only the error or the result. Errors are printed once, in the
 * words of this command's flags (`flagNames`), with a link for each solution page.
 */
import { inFieldWords, type FieldNames } from '../../../protocol/src/field-words';
import type { Progress } from '../../../protocol/src/index';
import { progressLine } from '../rpc/index';
import { ProgressBoard } from './progress-board';
import { terminalColumns } from './stage-line';

export { terminalColumns };

export interface Output {
  json: boolean;
  quiet: boolean;
  note(n: { method: string; params: any }): void;
  result(value: unknown, human: () => string): void;
  error(err: unknown): void;
  info(line: string): void;
  /** Takes the progress display off the terminal (before the CLI leaves in a hurry). */
  close(): void;
}

export interface OutputMode {
  json?: boolean | undefined;
  /** Only the error or the final result (never with --json, which stays as it is). */
  quiet?: boolean | undefined;
  /** The stage name of progress that names none (a bare upload or download job). */
  stage?: string | undefined;
}

function bar(p: Progress, width = 24): string {
  const c = p.bytes?.total ? p.bytes : p.files?.total ? p.files : p.frames;
  if (!c?.total) return '';
  const ratio = Math.min(1, c.transferred / c.total);
  const n = Math.round(ratio * width);
  return `[${'#'.repeat(n)}${'-'.repeat(width - n)}] ${Math.floor(ratio * 100)}% `;
}

/** The error as this command's user should read it: its flags' names, and every solution link. */
export function describeError(err: unknown, flagNames: FieldNames = {}): { message: string; code: unknown; data: unknown } {
  const e = err as { message?: string; code?: unknown; data?: { details?: unknown } & Record<string, unknown> };
  let message = e.message ?? String(err);
  let data: unknown = e.data;
  if (e.data?.details !== undefined) {
    const worded = inFieldWords(message, e.data.details, flagNames);
    message = worded.message;
    data = { ...e.data, details: worded.details };
  }
  const links = solutionLinks((data as { details?: unknown })?.details).filter((url) => !message.includes(url));
  if (links.length) message += `\n${links.map((u) => `  solution: ${u}`).join('\n')}`;
  return { message, code: e.code, data };
}

/** Every solution page the farm or the check named for this failure. */
function solutionLinks(details: unknown): string[] {
  const d = details as { problems?: { solutionUrl?: unknown }[]; solutionUrl?: unknown } | undefined;
  const urls = [d?.solutionUrl, ...(Array.isArray(d?.problems) ? d!.problems.map((p) => p?.solutionUrl) : [])];
  return [...new Set(urls.filter((u): u is string => typeof u === 'string' && u.length > 0))];
}

/** Builds the output for this run: `--json`, `--quiet`, bars on a terminal, or lines. */
export function createOutput(mode: OutputMode | boolean, stream: NodeJS.WriteStream = process.stderr, flagNames: FieldNames = {}): Output {
  const m: OutputMode = typeof mode === 'boolean' ? { json: mode } : mode;
  const json = Boolean(m.json);
  const quiet = Boolean(m.quiet) && !json;
  const printError = (err: unknown) => {
    const e = describeError(err, flagNames);
    if (json) process.stdout.write(`${JSON.stringify({ error: e })}\n`);
    else process.stderr.write(`rayvision: ${e.message}\n`);
  };
  if (json || quiet) {
    return {
      json,
      quiet,
      note(n) {
        if (json) process.stdout.write(`${JSON.stringify(n)}\n`);
      },
      result(value, human) {
        process.stdout.write(json ? `${JSON.stringify({ result: value })}\n` : `${human()}\n`);
      },
      error: printError,
      info() {},
      close() {},
    };
  }
  if (stream.isTTY) return barsOutput(stream, m.stage, printError);
  return linesOutput(stream, printError);
}

/** On a terminal: the progress board, landed frames above it. */
function barsOutput(stream: NodeJS.WriteStream, stage: string | undefined, printError: (err: unknown) => void): Output {
  const board = new ProgressBoard(stream, stage);
  return {
    json: false,
    quiet: false,
    note(n) {
      if (n.method === 'job/progress') board.update(n.params.progress as Progress);
      else if (n.method === 'download/frame') board.log(`downloaded ${n.params.localPath}`);
    },
    result(_value, human) {
      board.finish();
      process.stdout.write(`${human()}\n`);
    },
    error(err) {
      board.clear();
      printError(err);
    },
    info(line) {
      board.log(line);
    },
    close() {
      board.clear();
    },
  };
}

/** Not a terminal (piped, a log file): one line per stage, the end line when the job succeeded. */
function linesOutput(stream: NodeJS.WriteStream, printError: (err: unknown) => void): Output {
  let stage: string | undefined;
  // The job's end line waits: on success it is printed, on failure the error says it (once).
  let pendingEnd: string | undefined;
  return {
    json: false,
    quiet: false,
    note(n) {
      if (n.method === 'job/progress') {
        const p = n.params.progress as Progress;
        const line = `${bar(p)}${progressLine(p)}`;
        const newStage = p.stage !== undefined && p.stage !== stage;
        stage = p.stage ?? stage;
        if (p.kind === 'end') pendingEnd = line;
        else if (p.kind === 'begin' || newStage) stream.write(`${line}\n`);
      } else if (n.method === 'download/frame') {
        stream.write(`downloaded ${n.params.localPath}\n`);
      }
    },
    result(_value, human) {
      if (pendingEnd !== undefined) stream.write(`${pendingEnd}\n`);
      pendingEnd = undefined;
      process.stdout.write(`${human()}\n`);
    },
    error(err) {
      pendingEnd = undefined;
      printError(err);
    },
    info(line) {
      stream.write(`${line}\n`);
    },
    close() {},
  };
}
