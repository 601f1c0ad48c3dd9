import { readFile } from 'node:fs/promises';
import { JobFileError, JOBFILE_CODES } from './errors';
import type { AssetJson, TaskJson, TipsJson, UploadJson } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and parses a JSON job file; a missing file is JobFileError 1000004, bad JSON ERR_JOBFILE_INVALID. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new JobFileError('ERR_JOBFILE_NOT_FOUND', `${file} is not found. Run the analysis first or check the path.`, {
        farmCode: JOBFILE_CODES.fileNotFound,
        details: { file },
      });
    }
    throw err;
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new JobFileError('ERR_JOBFILE_INVALID', `${file} is not valid JSON; re-run the analysis to rebuild it.`, {
      cause: err,
      details: { file },
    });
  }
}

function expectObject(file: string, data: unknown, required: string[]): Record<string, unknown> {
  if (!isObject(data)) {
    throw new JobFileError('ERR_JOBFILE_INVALID', `${file} must hold a JSON object.`, { details: { file } });
  }
  for (const key of required) {
    if (!(key in data)) {
      throw new JobFileError('ERR_JOBFILE_INVALID', `${file} has no "${key}"; re-run the analysis to rebuild it.`, {
        details: { file, key },
      });
    }
  }
  return data;
}

/** Reads task.json; requires `task_info`. */
export async function readTaskJson(file: string): Promise<TaskJson> {
  const data = expectObject(file, await readJsonFile(file), ['task_info']);
  if (!isObject(data.task_info)) {
    throw new JobFileError('ERR_JOBFILE_INVALID', `${file}: task_info must be an object.`, { details: { file } });
  }
  return data as TaskJson;
}

/** Reads upload.json; an absent `asset` list reads as empty. */
export async function readUploadJson(file: string): Promise<UploadJson> {
  const data = expectObject(file, await readJsonFile(file), []);
  if (!Array.isArray(data.asset)) data.asset = [];
  return data as UploadJson;
}

/** Reads asset.json; an absent `asset` list reads as empty. */
export async function readAssetJson(file: string): Promise<AssetJson> {
  const data = expectObject(file, await readJsonFile(file), []);
  if (!Array.isArray(data.asset)) data.asset = [];
  return data as AssetJson;
}

/** Reads tips.json; a bare string per code (2020 Houdini script) is read as a one-item list. */
export async function readTipsJson(file: string): Promise<TipsJson> {
  const data = expectObject(file, await readJsonFile(file), []);
  const tips: TipsJson = {};
  for (const [code, value] of Object.entries(data)) {
    tips[code] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return tips;
}

/** The local path of an asset.json entry: the text before the two-space "  (mtime" marker. */
export function assetEntryPath(entry: string): string {
  const cut = entry.indexOf('  (mtime');
  return cut < 0 ? entry : entry.slice(0, cut);
}

/** An asset.json entry taken apart: the path and, when the entry records them, its mtime and size. */
export interface AssetEntry {
  path: string;
  /** Whole seconds since the epoch (the entry's "YYYY-MM-DD HH:MM:SS" is UTC). */
  mtimeSeconds?: number;
  size?: number;
}

const ENTRY = /^(.*?)  \(mtime (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\) size (\d+)$/;

/** Parse "<path>  (mtime 2024-01-02 03:04:05) size 123"; other forms give the path only. */
export function parseAssetEntry(entry: string): AssetEntry {
  const m = ENTRY.exec(entry);
  if (!m) return { path: assetEntryPath(entry) };
  const [, file, y, mo, d, h, mi, sec, size] = m;
  return { path: file!, mtimeSeconds: Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +sec!) / 1000, size: Number(size) };
}
