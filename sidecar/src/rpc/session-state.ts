/**
 * The one session every client shares: the logged-in REST client and, when the sidecar started
 * one, the in-process local farm. Credentials live only inside the REST client object, in memory.
 */

/** The REST client as the rpc layer uses it (the SDK's `RayvisionAPI`). */
export interface SessionApi {
  userInfo: Record<string, unknown>;
}

/** The in-process local farm as the rpc layer uses it (the farm layer's `startFarm` result). */
export interface SessionFarm {
  url: string;
  domain: string;
  accessId: string;
  accessKey: string;
  userId: number | string;
  storageDir: string;
  close(): Promise<void>;
}

export class SessionState {
  api: SessionApi | undefined;
  farmKind: 'remote' | 'local' | undefined;
  domain: string | undefined;
  platform: string | undefined;
  /** The farm this sidecar started (stopped on logout / shutdown). */
  localFarm: SessionFarm | undefined;

  isLoggedIn(): boolean {
    return this.api !== undefined;
  }

  /** The logged-in client; throws the "log in first" error through the caller's check. */
  requireApi<T extends SessionApi = SessionApi>(): T {
    if (!this.api) throw new Error('not logged in');
    return this.api as T;
  }

  setLogin(api: SessionApi, kind: 'remote' | 'local', domain: string, platform: string): void {
    this.api = api;
    this.farmKind = kind;
    this.domain = domain;
    this.platform = platform;
  }

  logout(): void {
    this.api = undefined;
    this.farmKind = undefined;
    this.domain = undefined;
    this.platform = undefined;
  }

  /** Stops the in-process farm, logging out first when the session uses it. */
  async stopLocalFarm(): Promise<void> {
    const farm = this.localFarm;
    if (!farm) return;
    if (this.farmKind === 'local') this.logout();
    this.localFarm = undefined;
    await farm.close();
  }
}
