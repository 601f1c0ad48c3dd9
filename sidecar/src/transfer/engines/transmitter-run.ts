/**
 * Runs the transmitter binary once: argv array via execa (no shell), `y` on stdin (what the old
 * `echo y|` fed it), the caller's environment for the child only (RAYVISION_LOG is never written to
 * process.env), stdout and stderr merged and parsed line by line, cancel through the AbortSignal.
 */
import { execa } from 'execa';
import { AbortedError } from '../../errors';
import { TransmitterError } from './transmitter-exit';
import { parseTransmitterLine, type TransmitterLine } from './transmitter-output';

export interface RunOnceOptions {
  exe: string;
  args: string[];
  /** Extra environment for the child (merged over process.env for the child only). */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onLine?: (line: TransmitterLine, raw: string) => void;
  /** Kill the binary when it prints nothing for this long (ms); the run then counts as recoverable. */
  idleTimeoutMs?: number;
}

export interface RunOnceResult {
  /** Exit code, or undefined when the process died of a signal. */
  exitCode?: number;
  /** The last lines of output, for error reports. */
  lastLines: string[];
  /** True when the run was killed for printing nothing within `idleTimeoutMs`. */
  hung?: boolean;
}

const KEEP_LINES = 20;

/** Spawns the binary and resolves when it exits; throws `AbortedError` when cancelled. */
export async function runTransmitterOnce(options: RunOnceOptions): Promise<RunOnceResult> {
  const child = execa(options.exe, options.args, {
    env: options.env,
    extendEnv: true,
    input: 'y\n',
    all: true,
    reject: false,
    buffer: false,
    cancelSignal: options.signal,
    forceKillAfterDelay: 2000,
    windowsHide: true,
  });
  const lastLines: string[] = [];
  let hung = false;
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    if (!options.idleTimeoutMs) return;
    clearTimeout(idle);
    idle = setTimeout(() => {
      hung = true;
      child.kill('SIGTERM');
    }, options.idleTimeoutMs);
  };
  arm();
  try {
    for await (const raw of child.iterable({ from: 'all' })) {
      arm();
      const text = String(raw).trim();
      if (!text) continue;
      lastLines.push(text);
      if (lastLines.length > KEEP_LINES) lastLines.shift();
      options.onLine?.(parseTransmitterLine(text), text);
    }
  } catch {
    // The stream ends with an error when the child is cancelled or killed; the result below says which.
  }
  const result = await child;
  clearTimeout(idle);
  if (options.signal?.aborted || result.isCanceled) throw new AbortedError('The transfer was cancelled; the transmitter was stopped.');
  if (hung) return { exitCode: undefined, lastLines: [...lastLines, `(no output for ${options.idleTimeoutMs} ms: stopped)`], hung };
  if (result.failed && result.exitCode === undefined && !result.signal) {
    throw new TransmitterError('ERR_TRANSMITTER_SPAWN', `The transmitter could not be started (${options.exe}): ${result.code ?? 'spawn failed'}. Check transmitterExe points to an executable.`);
  }
  return { exitCode: result.exitCode, lastLines };
}
