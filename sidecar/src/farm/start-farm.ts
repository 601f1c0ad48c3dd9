/**
 * Starts a local farm: a SQLite state file, one account, the REST API and the HTTP storage on
 * 127.0.0.1 (port 0 by default), and the render simulation. `close()` stops everything and removes
 * the folder when the farm made it.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createAccount, firstAccount, type Account } from './accounts';
import { seedCatalog } from './catalog';
import type { FarmContext, FarmRequestRecord, StorageStats } from './context';
import { openFarmDb } from './db';
import { validateFarmOptions } from './farm-options';
import { FaultGate, type FarmFaults } from './faults';
import { createFarmServer } from './http-server';
import { stderrFarmLog } from './net-guard';
import { farmRoutes } from './rest/routes';
import { startRenderLoop } from './render/render-loop';

export interface StartFarmOptions {
  /** Farm folder (database + storage). Default: a new temp folder, removed on close. */
  dir?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  faults?: FarmFaults;
  /** How long one frame renders, in ms (default 50); 0 = frames move only when `tick()` is called. */
  frameDurationMs?: number;
  /** Frames of one (sub-)task rendering at once, like several render nodes (default 1). */
  parallelFrames?: number;
  /** UTCTimestamp tolerance in seconds (default 300). */
  signatureWindowSec?: number;
  /** Name of the account created on a fresh farm. */
  userName?: string;
  /**
   * Headers and REST/control bodies must arrive within this, and an upload or download may not stall
   * longer (default 60 000 ms); a whole request may take at most ten times this.
   */
  requestTimeoutMs?: number;
  /** Where dropped connections are logged (default stderr). */
  log?: (line: string) => void;
  /** The farm clock in ms (default Date.now); tests move it to reach time limits and stale signatures. */
  now?: () => number;
}

export interface Farm {
  url: string;
  host: string;
  port: number;
  /** "127.0.0.1:<port>": what clients configure as `domain` and sign with. */
  domain: string;
  accessId: string;
  /** Secret: give it to the client, never log it. */
  accessKey: string;
  userId: number;
  /** The account's bids and storage login (as getConfig/getBid report them). */
  account: Readonly<Account>;
  dir: string;
  storageDir: string;
  /** The last 10 000 requests (method, raw path, api/storage, injected fault), newest last. */
  readonly requests: readonly FarmRequestRecord[];
  /** Storage counters: successful commits per `<bid><server path>` and chunk bytes received. */
  readonly storageStats: Readonly<StorageStats>;
  /** Adds another account (a second user, for isolation tests); its key is in the returned account. */
  addAccount(userName?: string): Promise<Readonly<Account>>;
  /** Runs one render step now: finishes running frames, starts the next ones (tests drive time with it). */
  tick(): Promise<void>;
  /** Replaces the injected faults at run time. */
  setFaults(faults: FarmFaults): void;
  /** Holds every storage request until the returned function is called (or the farm closes). */
  holdStorage(): () => void;
  close(): Promise<void>;
}

// Temp folders of farms still open: removed at process exit if their owner never called close().
const openTempDirs = new Set<string>();
let exitHookInstalled = false;
function removeAtExit(dir: string): void {
  openTempDirs.add(dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const d of openTempDirs) rmSync(d, { recursive: true, force: true });
  });
}

/** Starts a farm and resolves once it listens. */
export async function startFarm(options: StartFarmOptions = {}): Promise<Farm> {
  await validateFarmOptions(options);
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'rayvision-farm-')));
  if (ownDir) removeAtExit(dir);
  const storageDir = path.join(dir, 'storage');
  await mkdir(path.join(storageDir, '.partial'), { recursive: true });
  const db = openFarmDb(path.join(dir, 'farm.sqlite'));
  seedCatalog(db);
  const account = firstAccount(db) ?? createAccount(db, { userName: options.userName });
  // Empty storages exist from the start, so listing a storage root answers [] rather than 404.
  for (const bid of [account.inputBid, account.configBid, account.outputBid]) await mkdir(path.join(storageDir, bid), { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const ctx: FarmContext = {
    db, dir, storageDir, host, port: 0, requests: [], storageStats: { commits: new Map(), bytesIn: 0 },
    faults: new FaultGate(options.faults),
    signatureWindowSec: options.signatureWindowSec ?? 300,
    frameDurationMs: options.frameDurationMs ?? 50,
    parallelFrames: Math.max(1, Math.floor(options.parallelFrames ?? 1)),
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
    log: options.log ?? stderrFarmLog,
    now: options.now ?? (() => Date.now()),
  };
  const server = createFarmServer(ctx, farmRoutes);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  ctx.port = (server.address() as AddressInfo).port;
  const loop = startRenderLoop(ctx);
  let closed = false;
  const farm: Farm = {
    url: `http://${host}:${ctx.port}`, host, port: ctx.port, domain: `${host}:${ctx.port}`,
    accessId: account.accessId, accessKey: account.accessKey, userId: account.userId, account: hideSecrets(account),
    dir, storageDir,
    requests: ctx.requests,
    storageStats: ctx.storageStats,
    tick: () => loop.tick(),
    addAccount: async (userName) => {
      const extra = createAccount(db, { userName });
      for (const bid of [extra.inputBid, extra.configBid, extra.outputBid]) await mkdir(path.join(storageDir, bid), { recursive: true });
      return hideSecrets(extra);
    },
    setFaults: (faults) => ctx.faults.set(faults),
    holdStorage: () => ctx.faults.hold('storage'),
    close: async () => {
      if (closed) return;
      closed = true;
      ctx.faults.releaseAll();
      await loop.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.close();
      if (ownDir) {
        await rm(dir, { recursive: true, force: true });
        openTempDirs.delete(dir);
      }
    },
  };
  return hideSecrets(farm);
}

/** Keeps the access key and storage password readable but out of logs, JSON and object spreads. */
function hideSecrets<T extends object>(obj: T): T {
  for (const key of ['accessKey', 'storagePassword'] as const) {
    if (key in obj) Object.defineProperty(obj, key, { enumerable: false });
  }
  return obj;
}
