// The doctor's checks one by one, where no terminal is needed: the Node version rule, the keychain
// adapter both ways, a check that throws, and the disk check on a folder that cannot be written.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guarded } from '../../sidecar/src/cli/doctor/check';
import { checkDisk } from '../../sidecar/src/cli/doctor/disk';
import { checkKeychain } from '../../sidecar/src/cli/doctor/keychain';
import { nodeIsRecent } from '../../sidecar/src/cli/doctor/runtime';

describe('doctor checks', () => {
  it('Node 20.5 and later pass, older fail', () => {
    expect(['v20.5.0', 'v20.19.1', 'v22.0.0', '21.1.0'].map(nodeIsRecent)).toEqual([true, true, true, true]);
    expect(['v20.4.9', 'v18.20.0', 'garbage'].map(nodeIsRecent)).toEqual([false, false, false]);
  });

  it('keychain: ok with its backend when available, warn with the reason when not', async () => {
    expect(await checkKeychain(async () => ({ available: true, backend: 'Secret Service' }))).toMatchObject({ status: 'ok', summary: expect.stringContaining('Secret Service') });
    const none = await checkKeychain(async () => ({ available: false, backend: 'none', reason: 'no D-Bus session' }));
    expect(none).toMatchObject({ status: 'warn', summary: expect.stringContaining('no D-Bus session'), fix: expect.any(String) });
  });

  it('a check that throws is that check failing', async () => {
    expect(await guarded('farm', async () => Promise.reject(new Error('boom')))).toEqual([expect.objectContaining({ check: 'farm', status: 'fail', summary: expect.stringContaining('boom') })]);
  });

  it.skipIf(process.getuid?.() === 0)('disk: a folder that cannot be written fails; a missing one is judged by its parent', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rv-disk-'));
    try {
      expect(checkDisk('download', path.join(dir, 'not', 'yet')).status).not.toBe('fail');
      chmodSync(dir, 0o500);
      expect(checkDisk('download', path.join(dir, 'frames'))).toMatchObject({ status: 'fail', summary: expect.stringContaining('not writable') });
    } finally {
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
