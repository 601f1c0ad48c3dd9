import { describe, expect, it } from 'vitest';
import type { Progress } from '../../protocol/src/progress';
import { ProgressTracker } from '../../sidecar/src/transfer/progress-tracker';

describe('ProgressTracker (fake clock)', () => {
  it('one begin, reports at most once per interval whatever the event rate, one end with the final counters', () => {
    let now = 0;
    const events: Progress[] = [];
    const t = new ProgressTracker((p) => events.push(p), { bytes: 10_000, files: 1000, title: 'x', stage: 'upload-assets' }, 200, () => now);
    t.begin();
    for (let i = 0; i < 1000; i++) {
      now += 1; // 1000 files over one (fake) second
      t.addBytes(10, `/f${i}`);
      t.fileDone(`/f${i}`);
    }
    t.end('done');
    t.end('twice is ignored');
    expect(events[0]).toMatchObject({ kind: 'begin', title: 'x', stage: 'upload-assets', cancellable: true });
    const reports = events.filter((e) => e.kind === 'report');
    expect(reports.length).toBeGreaterThanOrEqual(4);
    expect(reports.length).toBeLessThanOrEqual(6);
    expect(events.filter((e) => e.kind === 'end')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ kind: 'end', message: 'done', bytes: { transferred: 10_000, total: 10_000 }, files: { transferred: 1000, total: 1000 }, currentFile: '/f999' });
    // 10 bytes per ms = 10,000 bytes/s.
    expect(events.at(-1)!.speedBps).toBe(10_000);
  });

  it('never reports more bytes than the total (a retry re-sends bytes)', () => {
    let now = 0;
    const events: Progress[] = [];
    const t = new ProgressTracker((p) => events.push(p), { bytes: 100, files: 1, title: 'x' }, 0, () => now);
    t.begin();
    now = 10;
    t.addBytes(80);
    now = 20;
    t.addBytes(80);
    t.end();
    expect(events.map((e) => e.bytes!.transferred)).toEqual([0, 80, 100, 100]);
  });
});
