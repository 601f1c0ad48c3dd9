// The line a progress bar draws for one stage: what it shows, and that it always fits the terminal.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatSeconds, stageLine, terminalColumns, type StageView } from '../../sidecar/src/cli/stage-line';

const upload: StageView = {
  stage: 'upload-assets',
  bytes: { transferred: 3 * 1024 * 1024, total: 8 * 1024 * 1024 },
  files: { transferred: 2, total: 5 },
  rate: 1.5 * 1024 * 1024,
  etaSeconds: 75,
  message: 'Uploading the assets',
  done: false,
  elapsedMs: 2000,
};

describe('stageLine', () => {
  it('bar, percentage from bytes, files, bytes, rate, ETA and the message', () => {
    const line = stageLine(upload, 120);
    expect(line).toMatch(/^upload-assets  \[#{9}-{15}\] 37%  2\/5 files  3\.0 MiB\/8\.0 MiB  1\.5 MiB\/s  ETA 1m15s  Uploading the assets$/);
  });

  it('a stage without totals shows its counters and no bar; a finished one its time instead of rate and ETA', () => {
    const dl: StageView = { stage: 'download', files: { transferred: 1 }, frames: { transferred: 7 }, bytes: { transferred: 5000 }, done: false, elapsedMs: 0, rate: 2048 };
    expect(stageLine(dl, 100)).toBe('download  1 file  7 frames  4.9 KiB  2.0 KiB/s');
    expect(stageLine({ ...upload, done: true, elapsedMs: 61_000 }, 120)).toMatch(/ 3\.0 MiB\/8\.0 MiB  done in 1m01s  Uploading the assets$/);
  });

  it('never reaches the last column, at any width; the message, ETA and rate go before the counters', () => {
    for (let cols = 1; cols <= 130; cols++) expect(stageLine(upload, cols).length).toBeLessThanOrEqual(cols - 1);
    expect(stageLine(upload, 70)).toMatch(/^upload-assets  \[#+-+\] 37%  2\/5 files  3\.0 MiB\/8\.0 MiB/);
    expect(stageLine(upload, 70)).not.toContain('Uploading');
    expect(stageLine(upload, 40)).toBe('upload-assets  37%  2/5 files  3.0 MiB/'); // cut at 39 columns
  });

  it('a terminal that reports 0 columns counts as 80; units and durations read as people write them', () => {
    expect(terminalColumns({ columns: 0 })).toBe(80);
    expect(terminalColumns({})).toBe(80);
    expect(terminalColumns({ columns: 33 })).toBe(33);
    expect([formatBytes(0), formatBytes(1023), formatBytes(1536), formatBytes(300 * 1024 ** 3)]).toEqual(['0 B', '1023 B', '1.5 KiB', '300 GiB']);
    expect([formatSeconds(0), formatSeconds(59.6), formatSeconds(3600 + 120)]).toEqual(['0s', '1m00s', '1h02m']);
  });
});
