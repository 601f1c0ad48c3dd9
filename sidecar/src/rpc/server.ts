/**
 * Starts the sidecar: one per user (a live one found through the discovery file wins), listening
 * on 127.0.0.1 with a fresh token, serving the handler table to every connection, and exiting
 * after an idle period. `attach()` serves any reader/writer pair (tests, in-process clients).
 *
 * Start-up reads only what listening needs (ws, the discovery file, the job list): the dispatcher
 * (the protocol's zod schemas) loads when the first client connects, and each handler domain (the
 * SDK behind it) on the first call of one of its methods (issue 13; handlers.ts).
 */
import type { JSONRPCRequest, JSONRPCResponse, JSONRPCServer } from 'json-rpc-2.0';
import { FarmError } from '../errors';
import { CredentialStore } from '../credentials/credential-store';
import type { KeychainBackend } from '../credentials/keychain';
import { ErrorCodes } from '../../../protocol/src/error-codes';
import { PROTOCOL_VERSION } from '../../../protocol/src/version';
import type { TransferSettings } from '../../../protocol/src/transfer';
import { Connection, type Dispatch } from './connection';
import type { HandlerContext, SidecarServices } from './context';
import type { HandlerTable } from './dispatcher';
import { acquireStartLock, discoveryPath, findRunning, removeDiscovery, writeDiscovery, type DiscoveryInfo } from './discovery';
import { IdleWatch } from './idle';
import { JobManager } from './job-manager';
import { newToken } from './auth';
import { sdkHome } from './sdk-home';
import { ProfileSessions } from './profile-sessions';
import type { MessageReader, MessageWriter } from './transport';
import { SIDECAR_VERSION } from './version';
import { listenWs, probeSidecar, type WsListener } from './ws-transport';
import { checkUpgrade } from './auth';
import { monitorHttp } from './monitor-http';
import { monitorPageDir } from './monitor-page-dir';
import { createMonitorService } from './monitor-service';

export interface SidecarOptions {
  /** SDK home holding sidecar.json; default RAYVISION_SDK_HOME or ~/renderfarm_sdk. */
  home?: string;
  /** Ended jobs kept for job/subscribe replays (default 200): their memory is bounded by this. */
  keepEndedJobs?: number;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Exit after this long with no clients and no jobs; 0 = never. Default 10 minutes. */
  idleTimeoutMs?: number;
  /** Largest accepted message in bytes. Default 32 MiB. */
  maxMessageBytes?: number;
  /** Minimum gap between two progress notifications of one job. Default 250 ms. */
  progressIntervalMs?: number;
  /** Write/find the discovery file (default true). False: a private sidecar (tests, benches). */
  discovery?: boolean;
  /** Replace handlers (tests of the transport with fixtures). */
  handlers?: Partial<HandlerTable>;
  /** Validate every answer against its result schema (tests). */
  checkResults?: boolean;
  /** A client's whole upgrade request must arrive within this (slowloris). Default 10 s. */
  handshakeTimeoutMs?: number;
  /** Where dropped connections are logged (one line each, with the cause). Default stderr. */
  log?: (line: string) => void;
  /**
   * How often the monitor page's farm side is polled while a page watches (default 5000 ms, or
   * RAYVISION_MONITOR_POLL_MS). Actions and landed frames poll sooner.
   */
  monitorPollMs?: number;
  /** Opens folders for `monitor/openFolder` (default: the desktop's opener; tests record calls). */
  openExternal?: (target: string) => Promise<void>;
  /** The keychain behind the stored profiles (default: the OS keychain; tests of other parts may pass their own). */
  keychain?: KeychainBackend;
  /** Called once the sidecar has stopped (idle, shutdown or close). */
  onExit?: (reason: string) => void;
}

export interface Sidecar {
  readonly port: number;
  readonly url: string;
  readonly token: string;
  readonly discoveryFile: string | undefined;
  readonly services: SidecarServices;
  /** Serves one connection over any reader/writer (in-memory clients, tests). */
  attach(reader: MessageReader, writer: MessageWriter): Connection;
  close(reason?: string): Promise<void>;
  readonly closed: Promise<string>;
}

/** Thrown by `startSidecar` when this user's sidecar already runs. */
export class SidecarAlreadyRunningError extends FarmError {
  constructor(readonly running: DiscoveryInfo) {
    super('ERR_SIDECAR_RUNNING', `A sidecar already runs for this user (pid ${running.pid}, port ${running.port}); clients connect to it.`, {
      details: { pid: running.pid, port: running.port },
    });
  }
}

/** Starts a sidecar, or throws SidecarAlreadyRunningError when a live one owns the discovery file. */
export async function startSidecar(options: SidecarOptions = {}): Promise<Sidecar> {
  const home = options.home ?? sdkHome();
  const useDiscovery = options.discovery ?? true;
  // Held from the "is one running?" check until sidecar.json names us (or we gave up).
  const release = useDiscovery ? await acquireStartLock(home) : () => {};
  try {
    return await startUnlocked(options, home, useDiscovery);
  } finally {
    release();
  }
}

async function startUnlocked(options: SidecarOptions, home: string, useDiscovery: boolean): Promise<Sidecar> {
  if (useDiscovery) {
    const running = await findRunning((port, token) => probeSidecar(port, token), home);
    if (running) throw new SidecarAlreadyRunningError(running);
  }
  const token = newToken();
  const maxMessageBytes = options.maxMessageBytes ?? 32 * 1024 * 1024;
  const connections = new Set<Connection>();
  let closing: Promise<void> | undefined;
  let resolveClosed!: (reason: string) => void;
  const closed = new Promise<string>((r) => (resolveClosed = r));

  // eslint-disable-next-line prefer-const
  let idle: IdleWatch;
  const jobs = new JobManager({ progressIntervalMs: options.progressIntervalMs ?? 250, onActivity: () => idle?.poke(), ...(options.keepEndedJobs !== undefined ? { keepEnded: options.keepEndedJobs } : {}) });
  const settings: TransferSettings = {};
  const sessions = new ProfileSessions(home);
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const credentials = new CredentialStore(home, options.keychain, (text) => log(`rayvision: warning: ${text}`));
  let port = 0;
  const pageDir = monitorPageDir();
  const envPoll = Number(process.env.RAYVISION_MONITOR_POLL_MS);
  const monitor = createMonitorService({
    jobs,
    // The job monitor shows the default profile's account and tasks.
    session: sessions.get(),
    pollMs: options.monitorPollMs ?? (Number.isInteger(envPoll) && envPoll > 0 ? envPoll : 5000),
    port: () => port,
    hasPage: pageDir !== undefined,
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
  });
  const services: SidecarServices = {
    version: SIDECAR_VERSION,
    jobs,
    sessions,
    get session() {
      return sessions.get();
    },
    credentials,
    settings,
    maxMessageBytes,
    monitor,
    connectionCount: () => connections.size,
    requestShutdown: () => void setTimeout(() => void close('shutdown requested'), 20),
  };
  const dispatch = lazyDispatch(options.handlers, options.checkResults ?? false);
  idle = new IdleWatch(options.idleTimeoutMs ?? 10 * 60_000, () => connections.size === 0 && jobs.runningCount() === 0, () => void close('idle'));

  const attach = (reader: MessageReader, writer: MessageWriter): Connection => {
    const conn = new Connection(reader, writer, dispatch, services, (c) => {
      connections.delete(c);
      jobs.dropSubscriber(c.id);
      monitor.watch.unwatch(c.id);
      idle.poke();
    });
    connections.add(conn);
    idle.poke();
    dispatch.warm(); // its first message is on the way
    return conn;
  };

  let listener: WsListener;
  // ws cuts frames at twice the limit (memory stays bounded); between the limit and that, the
  // connection answers MessageTooLarge before closing with 1009, so the client learns why.
  // A client that does not read may hold twice the limit of unsent answers, then it is dropped.
  listener = await listenWs({
    port: options.port ?? 0,
    token,
    maxPayload: 2 * maxMessageBytes,
    maxBufferedBytes: 2 * maxMessageBytes,
    handshakeTimeoutMs: options.handshakeTimeoutMs,
    log: options.log,
    onConnection: attach,
    // The monitor page's browser connects with its session cookie instead of the bearer token.
    authorize: (headers, p) => checkUpgrade(headers, token, p, (cookie) => monitor.auth.validCookie(cookie)),
    onHttpRequest: monitorHttp(monitor.auth, pageDir),
  });
  port = listener.port;
  let discoveryFile: string | undefined;
  if (useDiscovery) {
    discoveryFile = writeDiscovery({ port, pid: process.pid, token, version: SIDECAR_VERSION, protocolVersion: PROTOCOL_VERSION }, home);
  }
  idle.poke();

  async function close(reason = 'closed'): Promise<void> {
    closing ??= (async () => {
      idle.stop();
      if (useDiscovery) removeDiscovery(process.pid, home);
      monitor.close();
      await jobs.cancelAll(undefined, 5000);
      for (const c of connections) c.close(1001, 'Sidecar stopping');
      await listener.close();
      await sessions.stopAll();
      resolveClosed(reason);
      options.onExit?.(reason);
    })();
    return closing;
  }

  return {
    port,
    url: `ws://127.0.0.1:${port}/`,
    token,
    discoveryFile: discoveryFile ?? (useDiscovery ? discoveryPath(home) : undefined),
    services,
    attach,
    close,
    closed,
  };
}

/**
 * The dispatcher, loaded on first use (its module graph holds every method's zod schemas).
 * `warm()` starts the load without waiting for it.
 */
function lazyDispatch(overrides: Partial<HandlerTable> | undefined, checkResults: boolean): Dispatch & { warm(): void } {
  let server: Promise<JSONRPCServer<HandlerContext>> | undefined;
  const load = () =>
    (server ??= Promise.all([import('./dispatcher'), import('./handlers')]).then(([d, h]) =>
      d.createDispatcher({ ...h.handlers, ...overrides } as HandlerTable, { checkResults }),
    ));
  const dispatch = async (request: JSONRPCRequest, ctx: HandlerContext): Promise<JSONRPCResponse | null> => {
    let server: JSONRPCServer<HandlerContext>;
    try {
      server = await load();
    } catch (err) {
      const message = `The sidecar could not load its method table (${(err as Error).message}): reinstall it.`;
      return request.id === undefined ? null : { jsonrpc: '2.0', id: request.id, error: { code: ErrorCodes.InternalError, message } };
    }
    return server.receive(request, ctx);
  };
  return Object.assign(dispatch, { warm: () => void load().catch(() => {}) });
}
