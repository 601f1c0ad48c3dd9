/**
 * Frame thumbnails: `GET /small_pic/<userId>/<taskId>/<frameId>.png`, the paths loadingFrameThumbnail
 * lists. A small PNG of a finished frame, the same picture the frame wrote to output storage.
 * Unsigned, like the real farm's thumbnail host: the path itself names the account, task and frame.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FarmContext } from './context';
import { parseFrameRange } from './render/frame-range';
import { frameImage } from './render/png';
import { FrameStatus, getTask, type FrameRow } from './tasks-store';

const PATH = /^\/small_pic\/(\d+)\/(\d+)\/(\d+)\.png$/;

function notFound(res: ServerResponse, why: string): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(why);
}

/** True when `path` is a thumbnail path (the HTTP server routes it here). */
export function isThumbnailPath(path: string): boolean {
  return path.startsWith('/small_pic/');
}

/** Answers one thumbnail request. */
export function handleThumbnail(ctx: FarmContext, req: IncomingMessage, res: ServerResponse, path: string): void {
  req.resume();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('Thumbnails are read with GET.');
    return;
  }
  const m = PATH.exec(path);
  if (!m) return notFound(res, 'No such thumbnail: expected /small_pic/<userId>/<taskId>/<frameId>.png.');
  const [userId, taskId, frameId] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const frame = ctx.db.prepare('SELECT * FROM frames WHERE id = ?').get(frameId) as FrameRow | undefined;
  const leaf = frame && getTask(ctx.db, frame.task_id);
  const root = leaf ? (leaf.parent_id ?? leaf.id) : undefined;
  if (!frame || !leaf || leaf.user_id !== userId || root !== taskId) return notFound(res, `Frame ${frameId} of task ${taskId} has no thumbnail.`);
  if (frame.frame_status !== FrameStatus.DONE) return notFound(res, `Frame ${frameId} is not rendered yet: only done frames have thumbnails.`);
  const png = frameImage(root, leaf.layer_name, parseFrameRange(frame.frame_index)[0] ?? frame.frame_number);
  res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length, 'Cache-Control': 'private, max-age=60' });
  res.end(req.method === 'HEAD' ? undefined : png);
}
