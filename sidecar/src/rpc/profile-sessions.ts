/**
 * One session per profile (issue 14): the sidecar holds a SessionState for each profile a client
 * has worked for, created on first use. Each connection names its profile; what it does (logins,
 * jobs, uploads, record DBs, the local farm) stays in that profile's session.
 */
import { DEFAULT_PROFILE } from '../credentials/profiles-file';
import { SessionState } from './session-state';

export class ProfileSessions {
  readonly #sessions = new Map<string, SessionState>();

  constructor(readonly home?: string) {}

  /** The profile's session (created empty, logged out, on first use). */
  get(profile: string = DEFAULT_PROFILE): SessionState {
    let s = this.#sessions.get(profile);
    if (!s) this.#sessions.set(profile, (s = new SessionState(this.home, profile)));
    return s;
  }

  /** Whether the profile has a logged-in session now. */
  isLoggedIn(profile: string): boolean {
    return this.#sessions.get(profile)?.isLoggedIn() ?? false;
  }

  all(): SessionState[] {
    return [...this.#sessions.values()];
  }

  /** Stops every profile's in-process local farm (sidecar shutdown). */
  async stopAll(): Promise<void> {
    await Promise.all(this.all().map((s) => s.stopLocalFarm().catch(() => {})));
  }
}
