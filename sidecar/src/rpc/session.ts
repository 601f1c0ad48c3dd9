/**
 * `session/*`: the handshake (protocol versions, capabilities, the connection's profile), login
 * shared by every client of a profile, status and shutdown. Login itself maps to the SDK's
 * `RayvisionAPI.connect` and the credential store (login.ts, loaded at the first
 * login: a sidecar that only hands out its status never reads the REST client or the farm).
 */
import { ErrorCodes, isCompatibleProtocol, methods, PROTOCOL_VERSION } from '../../../protocol/src/index';
import type { SidecarServices } from './context';
import type { PartialHandlers } from './dispatcher';
import { RpcException } from './rpc-errors';

/** The ids of a profile's running jobs (its logout or removal must not pull the login from under them). */
export function runningJobsOf(sidecar: SidecarServices, profile: string): string[] {
  return sidecar.jobs.list().filter((j) => j.state === 'running' && (j.profile ?? 'default') === profile).map((j) => j.jobId);
}

export const sessionHandlers: PartialHandlers<
  'session/initialize' | 'session/login' | 'session/logout' | 'session/status' | 'session/shutdown'
> = {
  'session/initialize': (params, { sidecar, conn }) => {
    if (!isCompatibleProtocol(params.protocolVersion)) {
      throw new RpcException(
        ErrorCodes.IncompatibleProtocol,
        `Protocol ${params.protocolVersion} is not compatible with this sidecar (protocol ${PROTOCOL_VERSION}, version ${sidecar.version}): update the plugin or the sidecar so the major versions match.`,
        { serverProtocolVersion: PROTOCOL_VERSION, serverVersion: sidecar.version },
      );
    }
    conn.initialized = true;
    if (params.profile) conn.profile = params.profile;
    // host null and host omitted mean the same: a client without a DCC (protocol/src/session.ts).
    const { host, ...client } = params.client;
    conn.client = { ...client, ...(host ? { host } : {}), loadFrames: params.capabilities.loadFrames ?? false };
    return {
      protocolVersion: PROTOCOL_VERSION,
      serverVersion: sidecar.version,
      capabilities: {
        methods: methods.map((m) => m.method),
        localFarm: true,
        maxMessageBytes: sidecar.maxMessageBytes,
      },
    };
  },

  'session/login': async (params, { sidecar, conn }) => {
    // The connection works for the profile it logs in (its later calls use that profile's session).
    if (params.profile) conn.profile = params.profile;
    const idle = sidecar.jobs.idle(conn.profile);
    const { login } = await import('./login');
    return login(params, sidecar.sessions.get(conn.profile), sidecar.credentials, idle);
  },

  'session/logout': async ({ force }, { sidecar, session }) => {
    const running = runningJobsOf(sidecar, session.profile);
    if (running.length > 0 && !force) {
      throw new RpcException(
        ErrorCodes.SessionBusy,
        `${running.length} job(s) still run on this login; cancel them (job/cancel) or call session/logout with force: true to cancel them and log out.`,
        { jobIds: running },
      );
    }
    if (running.length > 0) await sidecar.jobs.cancelAll('The job was cancelled: the session logged out (session/logout with force).', 5000, session.profile);
    session.logout();
    await session.stopLocalFarm();
    return { ok: true as const };
  },

  'session/status': (_params, { sidecar, session: s }) => {
    const userName = s.api?.userInfo.user_name;
    return {
      serverVersion: sidecar.version,
      protocolVersion: PROTOCOL_VERSION,
      profile: s.profile,
      loggedIn: s.isLoggedIn(),
      ...(s.farmKind ? { farm: s.farmKind } : {}),
      ...(s.domain ? { domain: s.domain } : {}),
      ...(typeof userName === 'string' ? { userName } : {}),
      clients: sidecar.connectionCount(),
      runningJobs: sidecar.jobs.runningCount(),
      pid: process.pid,
    };
  },

  'session/shutdown': (_params, { sidecar }) => {
    sidecar.requestShutdown();
    return { ok: true as const };
  },
};
