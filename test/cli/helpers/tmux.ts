/**
 * A command run in a real terminal as a person would see it: a detached tmux session of a given
 * size (own server socket, so nothing else's sessions are touched), its screen captured again and
 * again while the command runs (`tmux capture-pane -p`), then the final screen and whether the
 * cursor is visible (`#{cursor_flag}`). The command's exit code is printed after it as `[exit N]`,
 * and the pane then waits (cat on the terminal) so the screen stays for the last capture.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

export interface TmuxRun {
  /** Every distinct screen seen while the command ran (visible rows, trailing blanks trimmed). */
  screens: string[];
  /** The cursor flag at each of those screens (false: hidden). */
  cursorShown: boolean[];
  /** The last screen with its scrollback, after the command ended (wrapped lines joined). */
  final: string;
  /** Whether the cursor is visible at the end. */
  cursorAtEnd: boolean;
  exitCode: number;
}

const hasTmux = async (): Promise<boolean> => (await execa('tmux', ['-V'], { reject: false })).exitCode === 0;
export const tmuxAvailable = hasTmux();

let serial = 0;

/**
 * Runs `argv` (or `argv 2>&1 | cat` when `pipe`) in a 100×30 tmux pane with `env` added to the
 * environment; resolves once `[exit N]` is on the screen. `interruptWhen`: the first screen it
 * accepts gets a Ctrl-C typed into the pane (as a person would).
 */
export async function runInTmux(argv: string[], env: Record<string, string>, options: { pipe?: boolean; cols?: number; rows?: number; interruptWhen?: (screen: string) => boolean } = {}): Promise<TmuxRun> {
  const socket = `rv-test-${process.pid}-${serial++}`;
  // tmux 3.3 moves a screen cleared from its top row into the scrollback; a terminal does not.
  const conf = path.join(tmpdir(), `${socket}.conf`);
  writeFileSync(conf, 'set -g scroll-on-clear off\n');
  const tmux = (...args: string[]) => execa('tmux', ['-L', socket, '-f', conf, ...args], { env: { ...process.env, ...env }, reject: false });
  // The shell outlives a Ctrl-C meant for the command (a trap with a command is reset in the child).
  const run = options.pipe ? '"$0" "$@" 2>&1 | cat' : '"$0" "$@"';
  const script = `trap ":" INT; ${run}; echo "[exit $?]"; exec cat`;
  const started = await tmux('new-session', '-d', '-x', String(options.cols ?? 100), '-y', String(options.rows ?? 30), '-s', 'rv', 'sh', '-c', script, ...argv);
  if (started.exitCode !== 0) throw new Error(`tmux did not start: ${started.stderr}`);
  const screens: string[] = [];
  const cursorShown: boolean[] = [];
  let interrupted = false;
  try {
    for (;;) {
      const captured = await tmux('capture-pane', '-p', '-t', 'rv');
      if (captured.exitCode !== 0) throw new Error(`the tmux pane is gone: ${captured.stderr}\n${screens.at(-1) ?? ''}`);
      const screen = captured.stdout.replace(/\s+$/, '');
      const cursor = (await tmux('display-message', '-p', '-t', 'rv', '#{cursor_flag}')).stdout.trim() === '1';
      const ended = /^\[exit (\d+)\]$/m.exec(screen);
      if (!ended && screen !== screens.at(-1)) {
        screens.push(screen);
        cursorShown.push(cursor);
      }
      if (!ended && !interrupted && options.interruptWhen?.(screen)) {
        interrupted = true;
        await tmux('send-keys', '-t', 'rv', 'C-c');
      }
      if (ended) {
        const final = (await tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'rv')).stdout.replace(/\s+$/, '');
        return { screens, cursorShown, final, cursorAtEnd: cursor, exitCode: Number(ended[1]) };
      }
      await new Promise((r) => setTimeout(r, 100)); // poll interval, not a limit
    }
  } finally {
    await tmux('kill-server');
    rmSync(conf, { force: true });
  }
}
