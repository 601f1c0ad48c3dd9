/**
 * What the CLI prints: a one-line progress bar on a TTY (one line per stage otherwise), or JSON
 * lines with `--json` (every notification, then `{ "result": … }` or `{ "error": … }`). Errors are
 * printed once, in the words of this command's flags (`flagNames`), with a link for each solution page.
 */
import { inFieldWords, type FieldNames, type Progress } from '../../../protocol/src/index';
import { progressLine } from '../rpc/index';

export interface Output {
  json: boolean;
  note(n: { method: string; params: any }): void;
  result(value: unknown, human: () => string): void;
  error(err: unknown): void;
  info(line: string): void;
}

function bar(p: Progress, width = 24): string {
  const c = p.bytes?.total ? p.bytes : p.files?.total ? p.files : p.frames;
  if (!c?.total) return '';
  const ratio = Math.min(1, c.transferred / c.total);
  const n = Math.round(ratio * width);
  return `[${'#'.repeat(n)}${'-'.repeat(width - n)}] ${Math.floor(ratio * 100)}% `;
}

/** The terminal's width; a terminal that reports 0 (or nothing) columns gets the classic 80. */
export function terminalColumns(stream: { columns?: number }): number {
  const c = stream.columns;
  return typeof c === 'number' && Number.isFinite(c) && c > 0 ? c : 80;
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

/** Builds the output for this run (`--json` or human). */
export function createOutput(json: boolean, stream: NodeJS.WriteStream = process.stderr, flagNames: FieldNames = {}): Output {
  const tty = Boolean(stream.isTTY) && !json;
  let open = false;
  let stage: string | undefined;
  // The job's end line waits: on success it is printed, on failure the error says it (once).
  let pendingEnd: string | undefined;
  const endLine = () => {
    if (open) stream.write('\n');
    open = false;
  };
  const flushEnd = () => {
    if (pendingEnd !== undefined && !tty) stream.write(`${pendingEnd}\n`);
    pendingEnd = undefined;
  };
  return {
    json,
    note(n) {
      if (json) {
        process.stdout.write(`${JSON.stringify(n)}\n`);
        return;
      }
      if (n.method === 'job/progress') {
        const p = n.params.progress as Progress;
        const line = `${bar(p)}${progressLine(p)}`;
        const newStage = p.stage !== undefined && p.stage !== stage;
        stage = p.stage ?? stage;
        if (tty) {
          if (p.kind === 'end') {
            // Success: keep the last line; failure: the error replaces it.
            pendingEnd = line;
            return;
          }
          stream.write(`\r\x1b[2K${line.slice(0, terminalColumns(stream) - 1)}`);
          open = true;
        } else if (p.kind === 'end') pendingEnd = line;
        else if (p.kind === 'begin' || newStage) stream.write(`${line}\n`);
      } else if (n.method === 'download/frame') {
        endLine();
        stream.write(`downloaded ${n.params.localPath}\n`);
      }
    },
    result(value, human) {
      if (tty && pendingEnd !== undefined && open) stream.write(`\r\x1b[2K${pendingEnd.slice(0, terminalColumns(stream) - 1)}`);
      endLine();
      flushEnd();
      if (json) process.stdout.write(`${JSON.stringify({ result: value })}\n`);
      else process.stdout.write(`${human()}\n`);
    },
    error(err) {
      if (tty && open) stream.write('\r\x1b[2K');
      open = false;
      pendingEnd = undefined;
      const e = describeError(err, flagNames);
      if (json) process.stdout.write(`${JSON.stringify({ error: e })}\n`);
      else process.stderr.write(`rayvision: ${e.message}\n`);
    },
    info(line) {
      endLine();
      if (!json) stream.write(`${line}\n`);
    },
  };
}
