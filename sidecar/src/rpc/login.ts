/**
 * Login and the in-process local farm, mapped onto the SDK (`RayvisionAPI.connect`) and the farm
 * layer (`startFarm`). The access key goes straight into the REST client and is never echoed.
 */
import type { z } from 'zod';
import type { LoginParams, LoginResult } from '../../../protocol/src/session';
import path from 'node:path';
import { RayvisionAPI } from '../api/index';
import { sdkHome } from './sdk-home';
import { startFarm } from '../farm/index';
import type { Farm } from '../farm/index';
import type { SessionState } from './session-state';

const SECRET_KEY = /key|password|passwd|token|secret|signature/i;

/** `userInfo` without anything secret-looking (the raysync user key, signatures …). */
export function publicUserInfo(info: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(info).filter(([k]) => !SECRET_KEY.test(k)));
}

/** Where the in-process local farm keeps its state unless told otherwise: `<sdk home>/local-farm`. */
export function localFarmDir(session: SessionState): string {
  return path.join(session.home ?? sdkHome(), 'local-farm');
}

/**
 * Starts the in-process local farm unless one runs (or is starting: clients may ask at once); returns it.
 * Its state lives in a stable folder (`dir`, default `<sdk home>/local-farm`), so a sidecar restarted
 * mid-job re-opens the same farm: same account, same tasks, half-rendered tasks continue.
 */
export async function ensureLocalFarm(
  session: SessionState,
  opts: { port?: number; dir?: string; frameDurationMs?: number } = {},
): Promise<Farm> {
  if (session.localFarm) return session.localFarm;
  session.localFarmStarting ??= startFarm({
    port: opts.port ?? 0,
    dir: opts.dir ? path.resolve(opts.dir) : localFarmDir(session),
    ...(opts.frameDurationMs !== undefined ? { frameDurationMs: opts.frameDurationMs } : {}),
  }).then(
    (farm) => {
      session.localFarm = farm;
      session.localFarmStarting = undefined;
      return farm;
    },
    (err: unknown) => {
      session.localFarmStarting = undefined;
      throw err;
    },
  );
  return session.localFarmStarting;
}

/** Logs the shared session in to the real farm or to a local one (started when needed). */
export async function login(
  params: z.output<typeof LoginParams>,
  session: SessionState,
  /** Settles when the jobs running now have ended: they keep the previous client until then. */
  jobsEnded: Promise<unknown> = Promise.resolve(),
): Promise<z.input<typeof LoginResult>> {
  let { domain, accessId, accessKey, protocol } = params;
  // The local farm's examples use platform 2; for the real farm the SDK's own default applies.
  const platform = params.platform ?? (params.farm === 'local' ? '2' : undefined);
  if (params.farm === 'local' && !domain) {
    const farm = await ensureLocalFarm(session, {
      ...(params.frameDurationMs !== undefined ? { frameDurationMs: params.frameDurationMs } : {}),
      ...(params.dir ? { dir: params.dir } : {}),
    });
    domain = farm.domain;
    accessId ??= farm.accessId;
    accessKey ??= farm.accessKey;
    protocol ??= 'http';
  }
  const api = await RayvisionAPI.connect({
    ...(domain ? { domain } : {}),
    ...(platform ? { platform } : {}),
    ...(accessId ? { accessId } : {}),
    ...(accessKey ? { accessKey } : {}),
    ...(protocol ? { protocol } : {}),
    ...(params.timeout ? { timeout: params.timeout } : {}),
  });
  const userInfo = api.userInfo as Record<string, unknown>;
  const finalDomain = api.domain;
  session.setLogin(api, params.farm, finalDomain, api.platform, jobsEnded);
  return { farm: params.farm, domain: finalDomain, platform: api.platform, userInfo: publicUserInfo(userInfo) };
}
