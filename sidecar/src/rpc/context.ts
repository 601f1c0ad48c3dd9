/**
 * What a handler sees: the sidecar-wide services (session, jobs, settings) and its connection.
 * Handlers are `(params, ctx) => result`; long ones hand their body to `ctx.sidecar.jobs`.
 */
import type { TransferSettings } from '../../../protocol/src/transfer';
import type { JobManager, Subscriber } from './job-manager';
import type { CredentialStore } from '../index';
import type { ProfileSessions } from './profile-sessions';
import type { SessionState } from './session-state';
import type { MonitorService } from './monitor-service';

export interface ClientHello {
  name: string;
  version?: string;
  host?: string;
  hostVersion?: string;
  loadFrames: boolean;
}

export interface ConnectionState extends Subscriber {
  initialized: boolean;
  client?: ClientHello;
  /** The profile this connection works for (default `default`; session/initialize or session/login set it). */
  profile: string;
}

export interface SidecarServices {
  readonly version: string;
  readonly jobs: JobManager;
  /** One session per profile. */
  readonly sessions: ProfileSessions;
  /** The default profile's session (handlers use `ctx.session`, the connection's profile's). */
  readonly session: SessionState;
  /** The stored profiles and their keys (keychain, or the 0600 file). */
  readonly credentials: CredentialStore;
  /** Transfer defaults shared by every client (`transfer/setSettings`). */
  settings: TransferSettings;
  readonly maxMessageBytes: number;
  /** The job monitor page: codes, sessions, the farm poller, landed frames. */
  readonly monitor: MonitorService;
  connectionCount(): number;
  /** Stops the sidecar soon (after the current answer is sent). */
  requestShutdown(): void;
}

export interface HandlerContext {
  readonly sidecar: SidecarServices;
  readonly conn: ConnectionState;
  /** The session of the connection's profile. */
  readonly session: SessionState;
}
