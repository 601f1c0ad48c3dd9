/**
 * What the CLI prints: a one-line progress bar on a TTY (plain lines otherwise), or JSON lines
 * with `--json` (every notification, then `{ "result": … }` or `{ "error": … }`).
 */
import type { Progress } from '../../../protocol/src/index';
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

/** Builds the output for this run (`--json` or human). */
export function createOutput(json: boolean, stream: NodeJS.WriteStream = process.stderr): Output {
  const tty = Boolean(stream.isTTY) && !json;
  let open = false;
  const endLine = () => {
    if (open) stream.write('\n');
    open = false;
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
        if (tty) {
          stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 120) - 1)}`);
          open = true;
          if (p.kind === 'end') endLine();
        } else if (p.kind !== 'report') stream.write(`${line}\n`);
      } else if (n.method === 'download/frame') {
        endLine();
        stream.write(`downloaded ${n.params.localPath}\n`);
      }
    },
    result(value, human) {
      endLine();
      if (json) process.stdout.write(`${JSON.stringify({ result: value })}\n`);
      else process.stdout.write(`${human()}\n`);
    },
    error(err) {
      endLine();
      const e = err as { message?: string; code?: unknown; data?: unknown };
      if (json) process.stdout.write(`${JSON.stringify({ error: { message: e.message ?? String(err), code: e.code, data: e.data } })}\n`);
      else process.stderr.write(`rayvision: ${e.message ?? String(err)}\n`);
    },
    info(line) {
      endLine();
      if (!json) stream.write(`${line}\n`);
    },
  };
}
