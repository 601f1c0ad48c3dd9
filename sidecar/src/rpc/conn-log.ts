/**
 * The sidecar's connection log: one line per dropped connection or unexpected socket error, with
 * its cause (stderr by default). A socket error ends that connection, never the process. A flood
 * of connections without the token (1,000 resets at once) is summarised, not logged line by line.
 */
import type { Duplex } from 'node:stream';

export type ConnLog = (line: string) => void;

const PER_SECOND = 20;

/**
 * Wraps a sink for connections that have not shown the token (anyone on the machine can make
 * those): past PER_SECOND lines in a second the rest are counted and summarised in one line.
 */
export function rateLimited(sink: ConnLog): ConnLog {
  let windowStart = 0;
  let inWindow = 0;
  let skipped = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    if (skipped > 0) sink(`(${skipped} more dropped connections not logged one by one)`);
    skipped = 0;
  };
  return (line) => {
    const t = Date.now();
    if (t - windowStart >= 1000) {
      windowStart = t;
      inWindow = 0;
    }
    if (inWindow++ < PER_SECOND) return sink(line);
    skipped++;
    timer ??= setTimeout(flush, 1000).unref();
  };
}

/** Writes `rayvision sidecar: <line>` to stderr. */
export const stderrLog: ConnLog = (line) => void process.stderr.write(`rayvision sidecar: ${line}\n`);

/** "ECONNRESET read ECONNRESET": the error's code and message, nothing from the request. */
export function describeError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code} ${message}` : message;
}

const peers = new WeakMap<Duplex, string>();
const logged = new WeakSet<Duplex>();

/** Remembers where a socket comes from (after a reset Node no longer knows). Call on accept. */
export function notePeer(socket: Duplex): void {
  const s = socket as Duplex & { remoteAddress?: string; remotePort?: number };
  if (s.remoteAddress) peers.set(socket, `${s.remoteAddress}:${s.remotePort}`);
}

/** Where a socket comes from, for the log (address and port only). */
export function peerOf(socket: Duplex): string {
  const s = socket as Duplex & { remoteAddress?: string; remotePort?: number };
  return peers.get(socket) ?? (s.remoteAddress ? `${s.remoteAddress}:${s.remotePort}` : 'unknown peer');
}

/** Logs `line` unless this socket's end was already logged: one line per connection. */
export function logOnce(socket: Duplex, log: ConnLog, line: string): void {
  if (logged.has(socket)) return;
  logged.add(socket);
  log(line);
}

/**
 * Gives `socket` an error listener for the rest of its life: the first error is logged with `what`
 * (unless its end was already logged) and the socket destroyed; errors after close are ignored.
 */
export function guardSocket(socket: Duplex, what: string, log: ConnLog): void {
  socket.on('error', (err) => {
    logOnce(socket, log, `${what} from ${peerOf(socket)} dropped: ${describeError(err)}`);
    socket.destroy();
  });
}
