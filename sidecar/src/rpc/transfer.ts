/**
 * `transfer/*`: uploads through the SDK's RayvisionUpload, each a job (progress in bytes and files,
 * cancel through the signal), and the transfer defaults every client shares.
 */
import type { z } from 'zod';
import type { TransferOptions, TransferSettings } from '../../../protocol/src/transfer';
import { RayvisionUpload } from '../transfer/index';
import type { SidecarServices } from './context';
import type { PartialHandlers } from './dispatcher';
import type { SessionState } from './session-state';

type Summary = { sent: number; skipped: number; bytes: number };
const total = (...s: Summary[]) => ({ files: s.reduce((n, x) => n + x.sent + x.skipped, 0), bytes: s.reduce((n, x) => n + x.bytes, 0) });

/** What makes two calls the same work: the profile, the farm logged in to and the call's params. */
export const sameWork = (session: SessionState, params: unknown): string => JSON.stringify([session.profile, session.domain, params]);

/** A RayvisionUpload for the profile's session (its own record DBs), with per-call options over the shared settings. */
export function uploaderFor(sidecar: SidecarServices, session: SessionState, call: z.output<typeof TransferOptions>): { up: RayvisionUpload; maxSpeed?: number } {
  const s = sidecar.settings;
  const engine = call.engineType ?? s.engineType;
  const up = new RayvisionUpload({
    api: session.requireApi(),
    env: session.transferEnv(),
    ...(engine ? { engine } : {}),
    ...(s.dbConfigPath ? { dbConfigPath: s.dbConfigPath } : {}),
    ...(s.transmitterExe ? { transmitterExe: s.transmitterExe } : {}),
    ...(s.internetProvider ? { internetProvider: s.internetProvider } : {}),
  });
  const maxSpeed = call.maxSpeed ?? s.maxSpeed;
  return maxSpeed === undefined ? { up } : { up, maxSpeed };
}

export const transferHandlers: PartialHandlers<
  'transfer/upload' | 'transfer/uploadConfig' | 'transfer/uploadAsset' | 'transfer/getSettings' | 'transfer/setSettings'
> = {
  'transfer/upload': (p, { sidecar, conn, session }) => {
    const { up, maxSpeed } = uploaderFor(sidecar, session, p);
    return sidecar.jobs.startOrAttach('transfer/upload', sameWork(session, p), conn, async ({ signal, onProgress }) => {
      const r = await up.upload(p.taskId, p.taskJsonPath, p.tipsJsonPath, p.assetJsonPath, p.uploadJsonPath, maxSpeed, { signal, onProgress });
      return total(r.configs, r.assets);
    }, {}, { taskIds: [p.taskId] });
  },
  'transfer/uploadConfig': (p, { sidecar, conn, session }) => {
    const { up, maxSpeed } = uploaderFor(sidecar, session, p);
    const jobId = sidecar.jobs.start('transfer/uploadConfig', conn, async ({ signal, onProgress }) =>
      total(await up.uploadConfig(p.taskId, p.configFiles, maxSpeed, { signal, onProgress })),
    {}, { taskIds: [p.taskId] });
    return { jobId };
  },
  'transfer/uploadAsset': (p, { sidecar, conn, session }) => {
    const { up, maxSpeed } = uploaderFor(sidecar, session, p);
    return sidecar.jobs.startOrAttach('transfer/uploadAsset', sameWork(session, p), conn, async ({ signal, onProgress }) =>
      total(await up.uploadAsset(p.uploadJsonPath, maxSpeed, true, { signal, onProgress })),
    );
  },
  'transfer/getSettings': (_p, { sidecar, session }) => ({ ...sidecar.settings }),
  'transfer/setSettings': (p, { sidecar, session }) => {
    const next: Record<string, unknown> = { ...sidecar.settings };
    for (const [k, v] of Object.entries(p)) {
      if (v === null) delete next[k];
      else if (v !== undefined) next[k] = v;
    }
    sidecar.settings = next as TransferSettings;
    return { ...sidecar.settings };
  },
};
