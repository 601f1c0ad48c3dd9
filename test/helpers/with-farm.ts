/**
 * A fresh local farm per test plus a logged-in client:
 *   const { farm, api, close } = await withFarm();  …  await close();
 * The farm listens on 127.0.0.1 port 0 in a temp folder that `close()` removes.
 */
import { RayvisionAPI, type RayvisionAPIOptions } from '../../sidecar/src/api';
import { startFarm, type Farm, type StartFarmOptions } from '../../sidecar/src/farm';

export interface WithFarm {
  farm: Farm;
  api: RayvisionAPI;
  close(): Promise<void>;
}

/** Starts a farm and a client logged in to it (fast retries, so fault tests stay quick). */
export async function withFarm(options: StartFarmOptions & { api?: Partial<RayvisionAPIOptions> } = {}): Promise<WithFarm> {
  const { api: apiOptions, ...farmOptions } = options;
  const farm = await startFarm(farmOptions);
  let api: RayvisionAPI;
  try {
    api = await RayvisionAPI.connect({
      domain: farm.domain, protocol: 'http', platform: '2', accessId: farm.accessId, accessKey: farm.accessKey,
      timeout: 10, retry: { minDelayMs: 10, maxDelayMs: 50 }, ...apiOptions,
    });
  } catch (err) {
    await farm.close();
    throw err;
  }
  return {
    farm, api,
    close: async () => {
      api.close();
      await farm.close();
    },
  };
}
