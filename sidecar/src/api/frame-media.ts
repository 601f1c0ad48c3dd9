/**
 * What a monitor shows of one frame beyond FrameInfo: its thumbnail image and its render log.
 * loadingFrameThumbnail lists thumbnail paths (`small_pic\…`); the image is read with a GET on the
 * farm's host (or the URL itself when the farm gives an absolute one). showLog's answer is not
 * documented (spec/api.md §10): lines are taken from `content` / `log` / `data` in any of the
 * shapes seen (a list of strings, a string, a list of objects with a text field).
 */
import axios from 'axios';
import { AbortedError, throwIfAborted } from '../errors';
import { RayvisionNetworkError } from './errors';
import type { RayvisionAPI } from './rayvision-api';
import type { CallOptions } from './send';

const MAX_THUMBNAIL_BYTES = 4 * 1024 * 1024;

export interface FrameThumbnail {
  mimeType: string;
  bytes: Buffer;
  url: string;
}

/** The URL of a thumbnail path as listed by loadingFrameThumbnail (pure). */
export function thumbnailUrl(thumbPath: string, domain: string, protocol: 'http' | 'https'): string {
  if (/^https?:\/\//i.test(thumbPath)) return thumbPath;
  const rel = thumbPath.replace(/\\/g, '/').replace(/^\/+/, '');
  return `${protocol}://${domain}/${rel.split('/').map(encodeURIComponent).join('/')}`;
}

/** The thumbnail of a done frame, or undefined when the farm lists none (not done yet). */
export async function fetchFrameThumbnail(api: RayvisionAPI, frameId: number, call: CallOptions = {}): Promise<FrameThumbnail | undefined> {
  const paths = await api.query.getFrameThumbnall(frameId, 4, call);
  const first = Array.isArray(paths) ? paths.find((p) => typeof p === 'string' && p.trim() !== '') : undefined;
  if (!first) return undefined;
  const url = thumbnailUrl(first, api.domain, api.protocol);
  throwIfAborted(call.signal);
  try {
    const res = await axios.get<ArrayBuffer>(url, {
      responseType: 'arraybuffer',
      timeout: 20_000,
      maxContentLength: MAX_THUMBNAIL_BYTES,
      validateStatus: () => true,
      ...(call.signal ? { signal: call.signal } : {}),
    });
    if (res.status === 404) return undefined;
    if (res.status !== 200) {
      throw new RayvisionNetworkError('ERR_HTTP', `The farm answered HTTP ${res.status} for the thumbnail of frame ${frameId}; try again later.`, { url, status: res.status });
    }
    const type = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
    return { mimeType: type.startsWith('image/') ? type : 'image/png', bytes: Buffer.from(res.data), url };
  } catch (err) {
    if (call.signal?.aborted) throw new AbortedError(undefined, { cause: call.signal.reason });
    if (err instanceof RayvisionNetworkError) throw err;
    throw new RayvisionNetworkError('ERR_NETWORK', `Could not read the thumbnail of frame ${frameId} (${(err as Error).message}); check the connection to the farm.`, { url, cause: err });
  }
}

function linesOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(/\r?\n/).filter((l) => l !== '');
  if (Array.isArray(value)) {
    return value.flatMap((v) => {
      if (typeof v === 'string') return v.split(/\r?\n/);
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const text = o.content ?? o.log ?? o.message ?? o.text;
        return typeof text === 'string' ? text.split(/\r?\n/) : [JSON.stringify(v)];
      }
      return [String(v)];
    }).filter((l) => l !== '');
  }
  return undefined;
}

/** The render log of a frame as lines (showLog), whatever shape the farm answers in. */
export async function readRenderLog(api: RayvisionAPI, frameId: number, renderingType = 'render', call: CallOptions = {}): Promise<string[]> {
  const data = await api.query.getRenderLog(renderingType, 1, 1000, frameId, call);
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const o = data as Record<string, unknown>;
    for (const key of ['content', 'log', 'logs', 'items', 'data']) {
      const lines = linesOf(o[key]);
      if (lines) return lines;
    }
    return [];
  }
  return linesOf(data) ?? [];
}
