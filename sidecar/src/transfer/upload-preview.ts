/**
 * What an upload would send, before anything is sent: every upload.json asset with its size and
 * whether the upload-record DB says the farm already has it (same size and mtime, the rule the upload
 * itself applies), plus the references the analysis could not find or could not evaluate without the
 * DCC. The submit dialog shows it; the list is upload.json itself, so what is shown is what is uploaded.
 */
import { readAssetJson, readUploadJson } from '../jobfiles';
import { infoString, type UploadApi } from './api-shape';
import { planUpload } from './record/plan-upload';
import { openRecordStore } from './record/open-records';
import { getShareInfo } from './share-info';
import type { TransferSettings } from './db-config';

export interface PreviewEntry {
  local: string;
  server: string;
  size: number;
  /** upload: will be sent; on-farm: the record DB says it is there; missing: not on disk. */
  status: 'upload' | 'on-farm' | 'missing';
}

export interface UploadPreview {
  entries: PreviewEntry[];
  /** Scene references that are not in the list: not found on disk, or an expression only the DCC can evaluate. */
  unresolved: { path: string; status: 'missing' | 'needs-dcc' }[];
  totalBytes: number;
  onFarmBytes: number;
  toUploadBytes: number;
}

/** Preview the upload of `uploadJsonPath` (asset.json beside it gives the unresolved references). */
export async function previewUpload(
  api: UploadApi,
  settings: TransferSettings,
  files: { uploadJsonPath: string; assetJsonPath?: string },
  needsDcc: string[] = [],
  signal?: AbortSignal,
  /** Where the record DB is resolved from (RAYVISION_DB …); default process.env. */
  env: NodeJS.ProcessEnv = process.env,
): Promise<UploadPreview> {
  const upload = await readUploadJson(files.uploadJsonPath);
  const items = upload.asset.map((a) => ({ local: a.local, server: a.server.startsWith('/') ? a.server : `/${a.server}` }));
  const owner = await getShareInfo(api, signal);
  const store = await openRecordStore(settings, files.uploadJsonPath, env);
  try {
    const plan = await planUpload(items, { platformId: infoString(api, 'platform'), storageId: owner.storageId, userId: owner.userId, store, ...(signal ? { signal } : {}) });
    const status = new Map<string, PreviewEntry>();
    for (const p of plan.send) status.set(p.local, { local: p.local, server: p.server, size: p.size, status: 'upload' });
    for (const p of plan.skipped) status.set(p.local, { local: p.local, server: p.server, size: p.size, status: 'on-farm' });
    for (const m of plan.missing) status.set(m.local, { local: m.local, server: m.server, size: 0, status: 'missing' });
    const entries = items.map((i) => status.get(i.local)!);
    const asset = files.assetJsonPath ? await readAssetJson(files.assetJsonPath).catch(() => undefined) : undefined;
    const unresolved = [
      ...(asset?.missing ?? []).map((p) => ({ path: String(p), status: 'missing' as const })),
      ...needsDcc.map((p) => ({ path: p, status: 'needs-dcc' as const })),
    ];
    const sum = (s?: PreviewEntry['status']) => entries.filter((e) => !s || e.status === s).reduce((n, e) => n + e.size, 0);
    return { entries, unresolved, totalBytes: sum(), onFarmBytes: sum('on-farm'), toUploadBytes: sum('upload') };
  } finally {
    await store?.close();
  }
}
