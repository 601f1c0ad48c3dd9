/**
 * The asset part of the check: every file upload.json will send must still be there, readable, and
 * as the analysis saw it (asset.json's size and mtime; the scene's md5 in upload.json). Run before
 * anything is created on the farm, so a missing texture costs no task and no storage request. Each
 * bad file is listed with the nodes and parameters that need it (asset.json `needed_by`), in the
 * analyzer's "(node X, parm Y)" wording the problem list reads back for a plugin's Select button.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { parseAssetEntry, readAssetJson, readUploadJson, type AssetUser } from '../jobfiles';
import { throwIfAborted } from '../errors';
import { mapLimit } from '../transfer/util/map-limit';
import type { CheckIssue } from './errors';

export interface AssetCheckInput {
  /** upload.json: what will be sent. Without it there is nothing to check. */
  uploadJson?: string | undefined;
  /** asset.json: what the analysis saw (size, mtime, the nodes that need each file). Optional. */
  assetJson?: string | undefined;
  signal?: AbortSignal | undefined;
}

type Finding = { kind: 'missing' | 'unreadable' | 'changed'; file: string; why: string };

const slash = (p: string): string => p.replace(/\\/g, '/');

function md5Of(file: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('md5');
    const stream = createReadStream(file, signal ? { signal } : {});
    stream.on('data', (c) => hash.update(c));
    stream.on('error', reject);
    stream.on('end', () => resolve(hash.digest('hex')));
  });
}

/** One file against what the analysis recorded; undefined when it is fine. */
async function inspect(file: string, seen: { mtimeSeconds?: number; size?: number } | undefined, hash: string | undefined, signal?: AbortSignal): Promise<Finding | undefined> {
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => e);
  if (info instanceof Error) {
    if (info.code === 'ENOENT' || info.code === 'ENOTDIR') return { kind: 'missing', file, why: 'is not on disk' };
    return { kind: 'unreadable', file, why: `cannot be read (${info.code ?? info.message})` };
  }
  if (!info.isFile()) return { kind: 'unreadable', file, why: 'is not a file (a folder or a device)' };
  const readable = await access(file, constants.R_OK).then(() => true, () => false);
  if (!readable) return { kind: 'unreadable', file, why: 'cannot be read: check its permissions' };
  if (seen?.size !== undefined && seen.size !== info.size) return { kind: 'changed', file, why: `is ${info.size} bytes, the analysis saw ${seen.size}` };
  if (seen?.mtimeSeconds !== undefined && Math.floor(info.mtimeMs / 1000) !== seen.mtimeSeconds) {
    return { kind: 'changed', file, why: `was modified at ${new Date(info.mtimeMs).toISOString()}, after the analysis` };
  }
  if (hash) {
    const now = await md5Of(file, signal).catch(() => undefined);
    if (now === undefined) return { kind: 'unreadable', file, why: 'cannot be read' };
    if (now !== hash) return { kind: 'changed', file, why: 'has changed since the analysis (its md5 differs)' };
  }
  return undefined;
}

function usersText(users: AssetUser[] | undefined): string {
  if (!users?.length) return '';
  const [first, ...rest] = users;
  return ` (node ${first!.node}, parm ${first!.parm})${rest.length ? `; also needed by ${rest.map((u) => `${u.node}.${u.parm}`).join(', ')}` : ''}`;
}

const KINDS = {
  missing: { code: 'ERR_ASSET_MISSING', message: 'Files the job needs are missing', solution: 'Restore the files, or point the nodes at files that exist, then analyse the scene again.' },
  unreadable: { code: 'ERR_ASSET_UNREADABLE', message: 'Files the job needs cannot be read', solution: 'Give your user read access to the files (or replace the folders by files), then submit again.' },
  changed: { code: 'ERR_ASSET_CHANGED', message: 'Files changed after the analysis', solution: 'Analyse the scene again so the job files match what is on disk, then submit.' },
} as const;

/** Check every file of upload.json (scene and assets); one error issue per kind, one detail per file. */
export async function checkAssets(input: AssetCheckInput): Promise<CheckIssue[]> {
  const { signal } = input;
  if (!input.uploadJson) return [];
  const upload = await readUploadJson(input.uploadJson);
  const asset = input.assetJson ? await readAssetJson(input.assetJson).catch(() => undefined) : undefined;
  const seen = new Map((asset?.asset ?? []).map((e) => parseAssetEntry(String(e))).map((e) => [slash(e.path), e]));
  const users = asset?.needed_by ?? {};
  const hashes = new Map((upload.scene ?? []).filter((s) => s && typeof s.local === 'string' && s.hash).map((s) => [slash(s.local), String(s.hash)]));
  const files = [...new Set([...(upload.scene ?? []), ...upload.asset].filter((e) => e && typeof e.local === 'string' && e.local).map((e) => e.local))];
  const findings = await mapLimit(files, 32, (file) => inspect(file, seen.get(slash(file)), hashes.get(slash(file)), signal), signal);
  throwIfAborted(signal);
  const issues: CheckIssue[] = [];
  for (const kind of ['missing', 'unreadable', 'changed'] as const) {
    const bad = findings.filter((f): f is Finding => f?.kind === kind);
    if (!bad.length) continue;
    const k = KINDS[kind];
    issues.push({
      severity: 'error',
      code: k.code,
      message: `${k.message} (${bad.length})`,
      solution: k.solution,
      file: kind === 'changed' && asset ? input.assetJson! : input.uploadJson,
      setting: 'asset',
      details: bad.map((f) => `${slash(f.file)} ${f.why}${usersText(users[slash(f.file)])}`),
    });
  }
  return issues;
}
