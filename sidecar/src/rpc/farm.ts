/** `farm/*`: start or stop the sidecar's in-process local farm (the farm layer's `startFarm`). */
import type { PartialHandlers } from './dispatcher';
import { ensureLocalFarm } from './login';

export const farmHandlers: PartialHandlers<'farm/start' | 'farm/stop'> = {
  'farm/start': async (params, { session }) => {
    const farm = await ensureLocalFarm(session, params);
    return { url: farm.url, domain: farm.domain, accessId: farm.accessId, userId: farm.userId, storageDir: farm.storageDir };
  },
  'farm/stop': async (_p, { session }) => {
    await session.stopLocalFarm();
    return { ok: true as const };
  },
};
