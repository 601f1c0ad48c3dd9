/**
 * The arguments of the three download modes: the old SDK's positional lists (spec/transfer.md
 * §4.2–4.4, camelCased) and the options-object form, normalised into one shape.
 */
import type { ProgressListener } from '../../../../protocol/src/progress';
import type { FileLanded } from './events';
import { DownloadArgumentError } from './errors';

export type EngineType = 'aspera' | 'transmitter' | 'raysyncproxy' | 'http';

export interface DownloadCallOptions {
  taskIds?: (number | string)[] | null;
  /** One folder or a list, relative to the output root; when set, task ids are not needed. */
  serverPath?: string | string[] | null;
  /** Default: RAYVISION_SDK_HOME or `<USERPROFILE or HOME>/renderfarm_sdk`. */
  localPath?: string | null;
  /** KB/s, string or number (old default "1048576"). */
  maxSpeed?: string | number | null;
  printLog?: boolean;
  /** "true": keep the `<taskId>_<scene>` level; "false": its contents go straight into localPath. */
  downloadFilenameFormat?: 'true' | 'false' | boolean;
  engineType?: EngineType;
  serverIp?: string | null;
  serverPort?: string | number | null;
  networkMode?: number;
  proxyIp?: string | null;
  proxyPort?: string | number | null;
  enableHash?: boolean;
  downloadNum?: number;
  /** download(): fetch `serverPath` from the input (asset) storage of the storage owner instead of the output. */
  asset?: boolean;
  /** Auto modes: stop after test frames (status 40 counts as an end). */
  isTestStop?: boolean;
  /** Auto modes: pause between polling rounds in ms (positional `sleepTime` is in seconds; default 10 s). */
  pollMs?: number;
  /** Auto modes: give up after this many ms in total (DownloadTimeoutError); default: no limit. */
  timeoutMs?: number;
  /** Auto modes: consecutive failed polling rounds tolerated before giving up (default 10). */
  maxRoundErrors?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  onFile?: (file: FileLanded) => void;
}

export interface NormalisedCall extends DownloadCallOptions {
  taskIds: number[];
  serverPaths: string[];
  keepFolder: boolean;
  maxSpeedKBps?: number;
}

const isOptionsObject = (v: unknown): v is DownloadCallOptions => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Integer task ids; a non-integer is refused at once (the old SDK retried a schema error 5 times). */
export function taskIdsOf(ids: (number | string)[] | null | undefined): number[] {
  return (ids ?? []).map((id) => {
    const n = typeof id === 'number' ? id : /^\s*\d+\s*$/.test(String(id)) ? Number(id) : NaN;
    if (!Number.isSafeInteger(n)) throw new DownloadArgumentError(`Task id ${JSON.stringify(id)} is not an integer; pass numeric task ids.`);
    return n;
  });
}

/** Normalises an options object (already built from positionals or given directly). */
export function normalise(options: DownloadCallOptions): NormalisedCall {
  const sp = options.serverPath;
  if (sp !== undefined && sp !== null && typeof sp !== 'string' && !Array.isArray(sp)) {
    throw new DownloadArgumentError('serverPath must be a string or a list of strings.');
  }
  const serverPaths = (sp === undefined || sp === null ? [] : Array.isArray(sp) ? sp : [sp]).map((p) => p.replace(/\\/g, '/'));
  const fmt = options.downloadFilenameFormat ?? 'true';
  const speed = options.maxSpeed === undefined || options.maxSpeed === null || options.maxSpeed === '' ? undefined : Number(options.maxSpeed);
  if (speed !== undefined && (!Number.isFinite(speed) || speed <= 0)) throw new DownloadArgumentError(`maxSpeed ${JSON.stringify(options.maxSpeed)} is not a positive number of KB/s.`);
  return {
    ...options,
    taskIds: taskIdsOf(options.taskIds),
    serverPaths,
    keepFolder: String(fmt).toLowerCase() === 'true',
    maxSpeedKBps: speed,
  };
}

/** `download(taskIdList, maxSpeed, printLog, downloadFilenameFormat, localPath, serverPath, engineType, …)` or `download({…})`. */
export function fromDownloadArgs(args: unknown[]): DownloadCallOptions {
  if (isOptionsObject(args[0])) return args[0];
  const [taskIds, maxSpeed, printLog, downloadFilenameFormat, localPath, serverPath, engineType, serverIp, serverPort, networkMode, proxyIp, proxyPort, enableHash, asset, downloadNum] = args as never[];
  return { taskIds, maxSpeed, printLog: printLog ?? true, downloadFilenameFormat, localPath, serverPath, engineType, serverIp, serverPort, networkMode, proxyIp, proxyPort, enableHash, asset, downloadNum };
}

/** `autoDownload(taskIdList, maxSpeed, printLog, sleepTime, downloadFilenameFormat, localPath, engineType, …, isTestStop, …)` or `({…})`. */
export function fromAutoArgs(args: unknown[], printLogDefault: boolean): DownloadCallOptions {
  if (isOptionsObject(args[0])) return { printLog: printLogDefault, ...args[0] };
  const [taskIds, maxSpeed, printLog, sleepTime, downloadFilenameFormat, localPath, engineType, serverIp, serverPort, networkMode, isTestStop, proxyIp, proxyPort, enableHash, downloadNum] = args as never[];
  const seconds = sleepTime ?? 10;
  return { taskIds, maxSpeed, printLog: printLog ?? printLogDefault, pollMs: Number(seconds) * 1000, downloadFilenameFormat, localPath, engineType, serverIp, serverPort, networkMode, isTestStop, proxyIp, proxyPort, enableHash, downloadNum };
}
