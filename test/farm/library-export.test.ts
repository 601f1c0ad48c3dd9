// The package entry exports the local farm, so a library user can test a pipeline offline with it.
import { describe, expect, it } from 'vitest';
import { RayvisionAPI, startFarm } from '../../sidecar/src/index';

describe('startFarm from the package entry', () => {
  it('starts a farm that a RayvisionAPI from the same entry logs in to, lists its (no) tasks, and removes its folder on close', async () => {
    const farm = await startFarm({ frameDurationMs: 0 });
    try {
      const api = await RayvisionAPI.connect({ domain: farm.domain, protocol: 'http', platform: '2', accessId: farm.accessId, accessKey: farm.accessKey });
      expect(api.userInfo).toMatchObject({ user_id: farm.userId });
      const page = await api.query.getTaskList(1, 10);
      expect(page.items).toEqual([]);
    } finally {
      await farm.close();
    }
    const { existsSync } = await import('node:fs');
    expect(existsSync(farm.dir)).toBe(false);
  });
});
