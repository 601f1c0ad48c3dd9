// The progress board on a terminal stand-in (a stream that says it is a TTY and records what it
// gets): two stages that overlap (an upload still running while the download has started) each
// keep their own bar; finish() leaves one final line per stage; clear() leaves none; the cursor is
// shown again either way.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../protocol/src/index';
import { ProgressBoard } from '../../sidecar/src/cli/progress-board';

function fakeTty(columns = 100): NodeJS.WriteStream & { text: () => string } {
  let out = '';
  const s = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(s, { isTTY: true, columns, text: () => out });
  return s;
}
const report = (p: Omit<Progress, 'kind'>): Progress => ({ kind: 'report', ...p }) as Progress;
/** What stays after the last bar drawing: the lines printed once the bars are gone. */
const afterBars = (text: string) => text.slice(text.lastIndexOf('\x1b[?25h') + '\x1b[?25h'.length);

describe('ProgressBoard', () => {
  it('overlapping stages move their own bars; finish() prints each stage once with its last counters', () => {
    const tty = fakeTty();
    const board = new ProgressBoard(tty);
    board.update(report({ stage: 'upload-assets', bytes: { transferred: 100, total: 1000 }, files: { transferred: 0, total: 2 } }));
    board.update(report({ stage: 'download', files: { transferred: 1 }, bytes: { transferred: 50 } }));
    board.update(report({ stage: 'upload-assets', bytes: { transferred: 1000, total: 1000 }, files: { transferred: 2, total: 2 } }));
    board.update(report({ stage: 'download', files: { transferred: 3 }, bytes: { transferred: 150 } }));
    board.log('downloaded /frames/f.0001.png');
    board.finish();
    const lines = afterBars(tty.text()).split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^upload-assets {2}\[#{24}\] 100% {2}2\/2 files {2}1000 B\/1000 B {2}done in \d+s$/);
    expect(lines[1]).toMatch(/^download {7}3 files {2}150 B {2}done in \d+s$/);
    expect(tty.text()).toContain('downloaded /frames/f.0001.png\x1b[K\n');
    expect(tty.text().indexOf('\x1b[?25l')).toBeLessThan(tty.text().lastIndexOf('\x1b[?25h'));
  });

  it('clear(): the bars go and nothing of them is printed again', () => {
    const tty = fakeTty(40);
    const board = new ProgressBoard(tty, 'upload');
    board.update(report({ bytes: { transferred: 5, total: 10 } }));
    board.clear();
    expect(afterBars(tty.text())).toBe('');
    expect(tty.text()).toContain('\x1b[0J'); // cleared from the first bar down
    board.clear(); // twice is harmless
  });
});
