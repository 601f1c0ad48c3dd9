/**
 * The `/create-task` body of the Raysync control API, field for field as the old SDK built it
 * (spec/transfer.md §2.7): the storage id (bid) is the server port, the SSL port is bid − 100,
 * the line port is the proxy port. Pure, so tests can compare it with the spec's table.
 */

export type RaysyncTaskType = 'upload' | 'upload-list' | 'download';

export interface RaysyncTaskInput {
  taskType: RaysyncTaskType;
  serverIp: string;
  /** The line port from getConfig (becomes `proxy-port`; 0 → 32002). */
  linePort: number;
  /** The bid used as `server-port` (for config uploads the input bid, §2.7). */
  portBid: number;
  userName: string;
  /** `<raySyncUserKey>&1&<platform>&12345678`; a secret, never logged. */
  password: string;
  networkMode?: number;
  enableHash?: boolean;
  sourcePath?: string;
  targetPath?: string;
  fileList?: string;
}

const PROTOCOL = ['default', 'tcp-only', 'udp-only'] as const;

/** The JSON body for `/create-task`. */
export function createTaskBody(input: RaysyncTaskInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    'task-name': input.taskType,
    'server-ip': input.serverIp,
    'server-port': input.portBid,
    'server-ssl-port': input.portBid - 100,
    'renderbus-proxy-port': 32002,
    'proxy-port': input.linePort || 32002,
    'protocol-type': PROTOCOL[input.networkMode ?? 0] ?? 'default',
    'delay-threshold': 0,
    account: input.userName,
    password: input.password,
    'group-id': 0,
    'enable-ssl': false,
    'enable-verify-hash': Boolean(input.enableHash),
  };
  if (input.taskType === 'upload-list') body['file-list'] = input.fileList;
  else {
    body['source-path'] = input.sourcePath;
    body['target-path'] = input.targetPath;
  }
  return body;
}

/** `/input/<bid>-<uid>/…` or `/output/<bid>-<uid>/…`: a storage path as the Raysync client names it. */
export function raysyncPath(storage: 'input' | 'output', bid: string, userId: string, serverPath: string): string {
  const rest = serverPath.replace(/\\/g, '/').replace(/^\/+/, '');
  return `/${storage}/${bid}-${userId}/${rest}`;
}

/** One line of the upload-list file: `local:"<local>" server:"/input/<bid>-<uid>/<server>"`. */
export function uploadListLine(local: string, bid: string, userId: string, server: string): string {
  return `local:"${local}" server:"${raysyncPath('input', bid, userId, server)}"`;
}
