// The transmitter's argv (spec/transfer.md §2.3), its stdout lines (§2.4) and exit codes (§2.5).
import { describe, expect, it } from 'vitest';
import { buildTransmitterArgs } from '../../../sidecar/src/transfer/engines/transmitter-args';
import { judgeExit } from '../../../sidecar/src/transfer/engines/transmitter-exit';
import { parseTransmitterLine } from '../../../sidecar/src/transfer/engines/transmitter-output';

describe('buildTransmitterArgs', () => {
  it('keeps create_cmd order and values, -C "None" when there is no DB ini, -p as a bare integer', () => {
    const args = buildTransmitterArgs({
      engine: 'aspera', host: '45.251.92.29', port: '10221', storageId: '30201', userId: '100001', type: 'upload_path',
      local: 'C:\\w\\task.json', remote: '/123/cfg/task.json', keep: false, speedKBps: 1048576,
    });
    expect(args.join(' ')).toBe('-E aspera -H 45.251.92.29 -P 10221 -S 30201 -U 100001 -T upload_path -L C:\\w\\task.json -R /123/cfg/task.json -r 2 -K false -s 1048576 -C None -p 0');
  });

  it('passes shell-hostile paths through untouched (no shell, no quoting) and caps the speed', () => {
    const hostile = '/tmp/$HOME `rm -rf` "q" %PATH% a b.exr';
    const args = buildTransmitterArgs({ engine: 'raysync', host: 'h', port: 1, storageId: 's', userId: 'u', type: 'download_path', local: hostile, remote: hostile, keep: 'true', speedKBps: 5e9, dbIni: '/x/db.ini', networkMode: 2 });
    expect(args[args.indexOf('-L') + 1]).toBe(hostile);
    expect(args[args.indexOf('-R') + 1]).toBe(hostile);
    expect(args[args.indexOf('-s') + 1]).toBe('1048576');
    expect(args.slice(-4)).toEqual(['-C', '/x/db.ini', '-p', '2']);
  });
});

describe('parseTransmitterLine', () => {
  it('reads the documented line shapes', () => {
    expect(parseTransmitterLine('download file begin (/1_a/a.0001.exr) ...')).toEqual({ kind: 'file-begin', op: 'download', path: '/1_a/a.0001.exr' });
    expect(parseTransmitterLine('upload file progress (D:/p/a b.png) speed: 512 KB/S, progress: 42%')).toEqual({ kind: 'file-progress', op: 'upload', path: 'D:/p/a b.png', speedKBps: 512, percent: 42 });
    expect(parseTransmitterLine('upload file done (D:/p/a.png)')).toEqual({ kind: 'file-done', op: 'upload', path: 'D:/p/a.png' });
    expect(parseTransmitterLine('download file fail (/x/y.exr), error-404: not found')).toMatchObject({ kind: 'file-fail', path: '/x/y.exr', errorCode: 404, message: 'not found' });
    expect(parseTransmitterLine('upload file interrupt (/a), error-7: reset')).toMatchObject({ kind: 'file-interrupt', errorCode: 7 });
    expect(parseTransmitterLine('get path (D:/missing.png) info failed')).toMatchObject({ kind: 'path-error', path: 'D:/missing.png' });
    expect(parseTransmitterLine('upload task failure: has recoverable error, need retry')).toMatchObject({ kind: 'task-result', ok: false, recoverable: true });
    expect(parseTransmitterLine('download task success: all files are success')).toMatchObject({ kind: 'task-result', ok: true });
    expect(parseTransmitterLine('send connect request to transmit server')).toEqual({ kind: 'other', message: 'send connect request to transmit server' });
  });
});

describe('judgeExit', () => {
  it('maps 0 / 1 / -1 (255, 4294967295) and the legacy codes', () => {
    expect(judgeExit(0)).toEqual({ kind: 'ok' });
    expect(judgeExit(1).kind).toBe('retry');
    expect(judgeExit(10).kind).toBe('retry');
    expect(judgeExit(undefined).kind).toBe('retry');
    expect(judgeExit(255)).toMatchObject({ kind: 'fail', code: 'ERR_TRANSMITTER_FATAL' });
    expect(judgeExit(4294967295)).toMatchObject({ kind: 'fail', code: 'ERR_TRANSMITTER_FATAL' });
    expect(judgeExit(11)).toMatchObject({ kind: 'fail', farmCode: 200025 });
    expect(judgeExit(4)).toMatchObject({ kind: 'fail', farmCode: 200024 });
    expect(judgeExit(9)).toMatchObject({ kind: 'fail', code: 'ERR_TRANSMITTER_HOST' });
  });
});
