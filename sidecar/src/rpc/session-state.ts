/**
 * The session of one profile, shared by every client working for it: the logged-in REST client and,
 * when the sidecar started one, the in-process local farm. Credentials live only inside the REST
 * client object, in memory. The default profile keeps its data (local farm, record DBs) in the SDK
 * home as before; another profile in `<sdk home>/profiles/<name>/`, so two profiles never share a
 * record DB or a local farm.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RayvisionAPI } from '../api/index';
import { DEFAULT_PROFILE } from '../credentials/profiles-file';
import { ensurePrivateDir } from '../private-files';
import { sdkHome } from '../transfer/sdk-home';
import type { Farm } from '../farm/index';

/** The login and local farm of one profile. */
export class SessionState {
  api: RayvisionAPI | undefined;
  farmKind: 'remote' | 'local' | undefined;
  domain: string | undefined;
  platform: string | undefined;
  /** The farm this sidecar started (stopped on logout / shutdown). */
  localFarm: Farm | undefined;
  /** Set while the farm starts, so concurrent logins share one farm. */
  localFarmStarting: Promise<Farm> | undefined;
  #calls = new AbortController();

  /** `home`: the sidecar's SDK home; the in-process local farm keeps its state in `<data dir>/local-farm`. */
  constructor(readonly home?: string, readonly profile: string = DEFAULT_PROFILE) {}

  /** This profile's own folder: the SDK home for `default`, else `<home>/profiles/<name>`. */
  get dataDir(): string {
    const home = this.home ?? sdkHome();
    return this.profile === DEFAULT_PROFILE ? home : path.join(home, 'profiles', this.profile);
  }

  /**
   * The environment this profile's uploads resolve their record DB from: unchanged for `default`;
   * for another profile RAYVISION_DB points into its own folder (under RAYVISION_DB when that is set).
   * A db_path in the caller's db_config.ini still wins (the user chose to share it).
   */
  transferEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    if (this.profile === DEFAULT_PROFILE) return env;
    const base = env.RAYVISION_DB && existsSync(env.RAYVISION_DB) ? path.join(env.RAYVISION_DB, 'profiles', this.profile) : this.dataDir;
    ensurePrivateDir(base);
    return { ...env, RAYVISION_DB: base };
  }

  /** Aborted by logout: REST calls made outside jobs (api/call, task/*) pass it to the SDK. */
  get signal(): AbortSignal {
    return this.#calls.signal;
  }

  isLoggedIn(): boolean {
    return this.api !== undefined;
  }

  /** The logged-in client (the dispatcher has already refused callers when there is none). */
  requireApi(): RayvisionAPI {
    if (!this.api) throw new Error('Not logged in: call session/login first.');
    return this.api;
  }

  /**
   * Replaces the session's client. The previous one is closed once `released` settles: running jobs
   * captured it and keep using it to their end (a re-login never pulls a client from under a job).
   */
  setLogin(api: RayvisionAPI, kind: 'remote' | 'local', domain: string, platform: string, released: Promise<unknown> = Promise.resolve()): void {
    const previous = this.api;
    if (previous && previous !== api) void released.finally(() => previous.close());
    this.api = api;
    this.farmKind = kind;
    this.domain = domain;
    this.platform = platform;
  }

  /** Forgets the login; REST calls in flight outside jobs end with Aborted (jobs are the caller's to cancel). */
  logout(): void {
    this.#calls.abort(new Error('Cancelled: the session logged out.'));
    this.#calls = new AbortController();
    this.api?.close();
    this.api = undefined;
    this.farmKind = undefined;
    this.domain = undefined;
    this.platform = undefined;
  }

  /** Stops the in-process farm, logging out first when the session uses it. */
  async stopLocalFarm(): Promise<void> {
    if (this.localFarmStarting) await this.localFarmStarting.catch(() => {});
    const farm = this.localFarm;
    if (!farm) return;
    if (this.farmKind === 'local') this.logout();
    this.localFarm = undefined;
    await farm.close();
  }
}
