/**
 * Session lifecycle, after LSP's `initialize`: every connection starts with `session/initialize`
 * (protocol versions and capabilities are exchanged; an incompatible major is refused with
 * `IncompatibleProtocol`). Credentials are given once with `session/login`, kept in the sidecar's
 * memory only, and shared by every connected client of the same profile (profiles.ts: one session
 * per profile); logging in again switches that profile's farm (the real Renderbus / Fox farm, or a
 * local farm, started in-process on request).
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod } from './define';
import { ErrorCodes } from './errors';
import { HostName } from './scene';
import { NoParams, Ok } from './common';
import { KeyStore, ProfileName } from './profiles';

export const ClientInfo = z.object({
  name: z.string().min(1),
  version: z.string().optional(),
  /**
   * The DCC hosting the client. A client without a host (a pipeline script, a wrangler's tool, a test)
   * omits it or sends null: both mean "no host". The one rule for every client, generated into the
   * Python table as `CLIENT_INFO`.
   */
  host: HostName.nullable().optional(),
  /** The DCC's own version, e.g. "19.5.303". */
  hostVersion: z.string().optional(),
});

export const ClientCapabilities = z.object({
  /** The client can load rendered frames back into its host (`download/frame` is worth sending). */
  loadFrames: z.boolean().optional(),
});

export const ServerCapabilities = z.object({
  /** Every method this sidecar serves (also in `rpc.discover`). */
  methods: z.array(z.string()),
  /** Whether `session/login` with `farm: "local"` can start an in-process local farm. */
  localFarm: z.boolean(),
  /** The largest message accepted, in bytes. */
  maxMessageBytes: z.number().int().positive(),
});

/**
 * `session/initialize`: first message of every connection.
 * @since 1.0
 */
export const initialize = defineMethod({
  method: 'session/initialize',
  params: z.object({
    /** The protocol version the client speaks, "major.minor". */
    protocolVersion: z.string(),
    client: ClientInfo,
    capabilities: ClientCapabilities.default({}),
    /** The profile this connection works for (`session/login { profile }` changes it). Default `default`. @since 1.2 */
    profile: ProfileName.optional(),
  }),
  result: z.object({
    protocolVersion: z.string(),
    serverVersion: z.string(),
    capabilities: ServerCapabilities,
  }),
  errors: [ErrorCodes.IncompatibleProtocol],
  summary: 'Exchange protocol versions and capabilities; required before any other method.',
  since: '1.0',
});

/** Public facts about the logged-in account (`api.userInfo`, snake_case keys, never a secret). */
export const UserInfo = z.record(z.string(), z.unknown());

export const LoginParams = z.object({
  /**
   * The profile to log in (default: this connection's, at first `default`); the connection works for
   * it from now on. Fields not given come from the stored profile, the key from the keychain. @since 1.2
   */
  profile: ProfileName.optional(),
  /** After a successful login, store the profile (settings, key in the keychain). @since 1.2 */
  save: z.boolean().optional(),
  /**
   * `remote`: the real farm (credentials required); `local`: a local farm (started in-process when none
   * is given). Default: the stored profile's farm, else `remote`.
   */
  farm: z.enum(['remote', 'local']).optional(),
  /** Host[:port], or "China" / "Foreign". Remote default: task.renderbus.com. Local: the farm's own. */
  domain: z.string().optional(),
  platform: z.string().optional(),
  accessId: z.string().optional(),
  /** Kept in memory only; never logged, never echoed back. */
  accessKey: z.string().optional(),
  protocol: z.enum(['https', 'http']).optional(),
  /** Request timeout in seconds. */
  timeout: z.number().positive().optional(),
  /** Local farm only: how long the farm takes per frame, in milliseconds. */
  frameDurationMs: z.number().int().nonnegative().optional(),
  /**
   * Local farm only: the folder keeping the in-process farm's state (default `<sdk home>/local-farm`,
   * so a restarted sidecar re-opens the same farm and its tasks). Ignored when a farm already runs.
   */
  dir: z.string().min(1).optional(),
});

export const LoginResult = z.object({
  /** @since 1.2 */
  profile: ProfileName,
  farm: z.enum(['remote', 'local']),
  domain: z.string(),
  platform: z.string(),
  userInfo: UserInfo,
  /** With `save`: where the key went; `warning` when that is the 0600 file, not the keychain. @since 1.2 */
  keyStore: KeyStore.optional(),
  warning: z.string().optional(),
});

/**
 * `session/login`: give credentials once (or ask for the local farm). Every client shares the session.
 * @since 1.0
 */
export const login = defineMethod({
  method: 'session/login',
  params: LoginParams,
  result: LoginResult,
  errors: [ErrorCodes.SdkError, ErrorCodes.Unsupported],
  summary: 'Log in a profile (default: the connection\'s) to the real farm or to a local farm; shared by all clients of that profile.',
  since: '1.0',
});

/**
 * `session/logout`: forget the credentials of this connection's profile (and stop a local farm the
 * sidecar started for it; the stored profile stays: `profiles/remove` forgets it). Its running jobs
 * use the login: without `force` the logout is refused (SessionBusy, `data.jobIds`); with it they are
 * cancelled first (each ends with Aborted). REST calls in flight are aborted either way.
 * @since 1.0
 */
export const logout = defineMethod({
  method: 'session/logout',
  params: z.strictObject({ force: z.boolean().default(false) }),
  result: Ok,
  errors: [ErrorCodes.SessionBusy],
  summary: 'Forget the credentials; stops an in-process local farm. Refused while jobs run unless force.',
  since: '1.0',
});

export const SessionStatus = z.object({
  serverVersion: z.string(),
  protocolVersion: z.string(),
  /** The profile this connection works for. @since 1.2 */
  profile: ProfileName,
  loggedIn: z.boolean(),
  farm: z.enum(['remote', 'local']).optional(),
  domain: z.string().optional(),
  userName: z.string().optional(),
  clients: z.number().int().nonnegative(),
  runningJobs: z.number().int().nonnegative(),
  pid: z.number().int(),
});

/**
 * `session/status`: who is logged in, how many clients and jobs.
 * @since 1.0
 */
export const status = defineMethod({
  method: 'session/status',
  params: NoParams,
  result: SessionStatus,
  summary: 'The sidecar and session state.',
  since: '1.0',
});

/**
 * `session/shutdown`: stop the sidecar (running jobs are cancelled first).
 * @since 1.0
 */
export const shutdown = defineMethod({
  method: 'session/shutdown',
  params: NoParams,
  result: Ok,
  summary: 'Stop the sidecar after answering; running jobs are cancelled.',
  since: '1.0',
});

export const sessionMethods = [initialize, login, logout, status, shutdown] as const;
