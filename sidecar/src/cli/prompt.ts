/**
 * Asking a person at a terminal: a visible line, or a secret whose characters are not echoed (the
 * access key must not land in the scrollback). Only on a TTY; scripts pass flags or the environment.
 */
import { createInterface } from 'node:readline';

/** Reads one line from the terminal; `hidden` echoes nothing of what is typed. */
export function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    // readline echoes through _writeToOutput: show the question, swallow the typed characters.
    const out = rl as unknown as { _writeToOutput(text: string): void };
    out._writeToOutput = (text: string) => {
      if (text.includes(question)) process.stderr.write(question);
      else if (text.includes('\n') || text.includes('\r')) process.stderr.write('\n');
    };
  }
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer.trim());
    });
  });
}

/** True when a person can be asked (stdin and stderr are terminals). */
export const canAsk = (): boolean => Boolean(process.stdin.isTTY && process.stderr.isTTY);
