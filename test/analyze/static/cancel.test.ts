// Every static reader (.hip, .ma, .mb, .project) stops with AbortedError when its signal fires —
// already aborted, or during the read — and its progress always ends with exactly one `end`.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../protocol/src/progress';
import { readClarisseProject, readHip, readMayaAscii, readMayaBinary } from '../../../sidecar/src/analyze';

const scenes = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes');
const READERS = [
  ['.hip', readHip, 'houdini/sphere.hip'],
  ['.ma', readMayaAscii, 'maya/demo_scenc.ma'],
  ['.mb', readMayaBinary, 'maya/demo_scenc.mb'],
  ['.project', readClarisseProject, 'clarisse/spherix_demo.project'],
] as const;

describe.each(READERS)('cancelling the %s reader', (_ext, read, rel) => {
  const file = path.join(scenes, rel);

  it('an already aborted signal rejects with ERR_ABORTED before reading', async () => {
    await expect(read(file, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
  });

  it('an abort at `begin` rejects with ERR_ABORTED and the progress ends once, as failed', async () => {
    const ctl = new AbortController();
    const events: Progress[] = [];
    const onProgress = (p: Progress): void => {
      events.push(p);
      if (p.kind === 'begin') ctl.abort();
    };
    await expect(read(file, { signal: ctl.signal, onProgress })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(events.map((e) => e.kind).filter((k) => k !== 'report')).toEqual(['begin', 'end']);
    expect(events[events.length - 1]).toMatchObject({ kind: 'end', message: 'failed' });
  });

  it('without a signal the same file reads, with one begin and one end', async () => {
    const events: Progress[] = [];
    await read(file, { onProgress: (p) => events.push(p) });
    expect(events.map((e) => e.kind).filter((k) => k !== 'report')).toEqual(['begin', 'end']);
  });
});
