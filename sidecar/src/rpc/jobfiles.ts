/** `jobfiles/*`: the job-file helpers of the jobfiles layer, one call each. */
import { appendToTask, appendToUpload, convertPath, readJsonFile, updateTaskInfo } from '../jobfiles/index';
import type { PartialHandlers } from './dispatcher';

const ok = { ok: true as const };

export const jobfilesHandlers: PartialHandlers<
  'jobfiles/updateTaskInfo' | 'jobfiles/appendToTask' | 'jobfiles/appendToUpload' | 'jobfiles/convertPath' | 'jobfiles/read'
> = {
  'jobfiles/updateTaskInfo': async (p) => (await updateTaskInfo(p.updateInfo, p.taskPath), ok),
  'jobfiles/appendToTask': async (p) => (await appendToTask(p.additionalInfo, p.taskPath, p.cover), ok),
  'jobfiles/appendToUpload': async (p) => (await appendToUpload(p.filesPaths, p.uploadPath), ok),
  'jobfiles/convertPath': (p) => ({ serverPath: convertPath(p.path) }),
  'jobfiles/read': async (p) => ({ content: await readJsonFile(p.path) }),
};
