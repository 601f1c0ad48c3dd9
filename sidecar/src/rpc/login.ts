/**
 * Login and the in-process local farm, mapped onto the SDK (`RayvisionAPI.connect`), the farm
 * layer (`startFarm`) and the credential store (profiles, keys in the keychain). The access key goes
 * straight into the REST client (and, with `save`, into the keychain) and is never echoed.
 */
import type { z } from 'zod';
import type { LoginParams, LoginResult } from '../../../protocol/src/session';
import path from 'node:path';
import { RayvisionAPI } from '../api/index';
import type { CredentialStore, ProfileSettings } from '../credentials/index';
import { startFarm } from '../farm/index';
import type { Farm } from '../farm/index';
import type { SessionState } from './session-state';

const SECRET_KEY = /key|password|passwd|token|secret|signature/i;

/** `userInfo` without anything secret-looking (the raysync user key, signatures …). */
export function publicUserInfo(info: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(info).filter(([k]) => !SECRET_KEY.test(k)));
}

/** Where the in-process local farm keeps its state unless told otherwise: `<profile data dir>/local-farm`. */
export function localFarmDir(session: SessionState): string {
  return path.join(session.dataDir, 'local-farm');
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

type Params = z.output<typeof LoginParams>;
type Result = z.input<typeof LoginResult>;
const CONNECTION_FIELDS = ['farm', 'domain', 'platform', 'accessId', 'accessKey', 'protocol', 'frameDurationMs', 'dir'] as const;

/**
 * The login params with the stored profile filled in: a field the caller gave wins; the stored key is
 * used only for the stored access id (another id given means other credentials), and nothing stored is
 * used when the caller asks for another kind of farm than the profile's.
 */
async function withStoredProfile(params: Params, profile: string, credentials: CredentialStore): Promise<Params> {
  if (!credentials.has(profile)) return params;
  const stored = await credentials.load(profile);
  const s = stored.settings;
  if (params.farm && params.farm !== s.farm) return params;
  const sameId = !params.accessId || params.accessId === s.accessId;
  return {
    ...params,
    farm: params.farm ?? s.farm,
    ...(params.domain ?? s.domain ? { domain: params.domain ?? s.domain } : {}),
    ...(params.platform ?? s.platform ? { platform: params.platform ?? s.platform } : {}),
    ...(params.accessId ?? s.accessId ? { accessId: params.accessId ?? s.accessId } : {}),
    ...(params.protocol ?? s.protocol ? { protocol: params.protocol ?? s.protocol } : {}),
    ...(params.accessKey ?? (sameId ? stored.accessKey : undefined) ? { accessKey: params.accessKey ?? stored.accessKey } : {}),
  };
}

/** The session as it is (a client switching to a profile that is already logged in). */
function current(session: SessionState): Result {
  const api = session.requireApi();
  return { profile: session.profile, farm: session.farmKind!, domain: api.domain, platform: api.platform, userInfo: publicUserInfo(api.userInfo as Record<string, unknown>) };
}

/**
 * Logs a profile's session in, to the real farm or to a local one (started when needed). Params
 * that name only the profile reuse its live session, else its stored settings and key. With `save`,
 * a successful login is stored (settings in profiles.json, the key in the keychain).
 */
export async function login(
  params: Params,
  session: SessionState,
  credentials: CredentialStore,
  /** Settles when the profile's jobs running now have ended: they keep the previous client until then. */
  jobsEnded: Promise<unknown> = Promise.resolve(),
): Promise<Result> {
  const profile = session.profile;
  const onlyProfile = CONNECTION_FIELDS.every((k) => params[k] === undefined);
  if (onlyProfile && session.isLoggedIn() && !params.save) return current(session);
  const given = params;
  params = await withStoredProfile(params, profile, credentials);
  const farmKind = params.farm ?? 'remote';
  let { domain, accessId, accessKey, protocol } = params;
  // The local farm's examples use platform 2; for the real farm the SDK's own default applies.
  const platform = params.platform ?? (farmKind === 'local' ? '2' : undefined);
  if (farmKind === 'local' && !domain) {
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
  session.setLogin(api, farmKind, api.domain, api.platform, jobsEnded);
  const result: Result = { profile, farm: farmKind, domain: api.domain, platform: api.platform, userInfo: publicUserInfo(userInfo) };
  if (!params.save) return result;
  // The in-process farm's credentials are its own (made at its start): a local profile stores none.
  const settings: ProfileSettings = farmKind === 'local' && !given.domain
    ? { farm: 'local' }
    : { farm: farmKind, domain: api.domain, platform: api.platform, ...(params.accessId ? { accessId: params.accessId } : {}), ...(protocol ? { protocol } : {}) };
  const saved = await credentials.save(profile, settings, farmKind === 'local' && !given.domain ? undefined : given.accessKey ?? params.accessKey);
  return { ...result, keyStore: saved.keyStore, ...(saved.warning ? { warning: saved.warning } : {}) };
}
