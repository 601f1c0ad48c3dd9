/**
 * The one session every client shares: the logged-in REST client and, when the sidecar started
 * one, the in-process local farm. Credentials live only inside the REST client object, in memory.
 */
import type { RayvisionAPI } from '../index';
import type { Farm } from '../farm/index';

/** The shared login and local farm (one per sidecar). */
export class SessionState {
  api: RayvisionAPI | undefined;
  farmKind: 'remote' | 'local' | undefined;
  domain: string | undefined;
  platform: string | undefined;
  /** The farm this sidecar started (stopped on logout / shutdown). */
  localFarm: Farm | undefined;
  /** Set while the farm starts, so concurrent logins share one farm. */
  localFarmStarting: Promise<Farm> | undefined;

  isLoggedIn(): boolean {
    return this.api !== undefined;
  }

  /** The logged-in client (the dispatcher has already refused callers when there is none). */
  requireApi(): RayvisionAPI {
    if (!this.api) throw new Error('Not logged in: call session/login first.');
    return this.api;
  }

  /** Replaces the session's client (closing the previous one). */
  setLogin(api: RayvisionAPI, kind: 'remote' | 'local', domain: string, platform: string): void {
    if (this.api && this.api !== api) this.api.close();
    this.api = api;
    this.farmKind = kind;
    this.domain = domain;
    this.platform = platform;
  }

  logout(): void {
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
