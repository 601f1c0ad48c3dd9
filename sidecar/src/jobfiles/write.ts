import { writeJsonAtomic } from './atomic-write';
import type { AssetJson, TaskJson, TipsJson, UploadJson } from './types';

/** Writes task.json atomically. */
export const writeTaskJson = (file: string, data: TaskJson): Promise<void> => writeJsonAtomic(file, data);
/** Writes upload.json atomically. */
export const writeUploadJson = (file: string, data: UploadJson): Promise<void> => writeJsonAtomic(file, data);
/** Writes asset.json atomically. */
export const writeAssetJson = (file: string, data: AssetJson): Promise<void> => writeJsonAtomic(file, data);
/** Writes tips.json atomically. */
export const writeTipsJson = (file: string, data: TipsJson): Promise<void> => writeJsonAtomic(file, data);

/** Adds a message under a tip code, once. */
export function addTip(tips: TipsJson, code: string | number, message: string): void {
  const list = (tips[String(code)] ??= []);
  if (!list.includes(message)) list.push(message);
}
