/**
 * The transmitter's command line (spec/transfer.md §2.2–2.3) as an argv array: the same fields in
 * the same order as the old `create_cmd`, without the `echo y|` shell prefix or any quoting (no
 * shell is involved, so `$`, `%`, `"` and spaces in paths are passed through untouched).
 */

export type TransmitType = 'upload_json' | 'upload_list' | 'upload_path' | 'download_list' | 'download_path';

export interface TransmitterCall {
  /** `-E`: `aspera` (what the SDK calls it) or `raysync` (the binary's own engine). */
  engine: 'aspera' | 'raysync';
  host: string;
  port: string | number;
  /** `-S`: storage id (bid). */
  storageId: string;
  /** `-U`: user id owning the storage. */
  userId: string;
  type: TransmitType;
  /** `-L`: upload source (file, dir, list or JSON file) or download target directory. */
  local: string;
  /** `-R`: remote path; `/` for upload_json/upload_list. */
  remote: string;
  /** `-K`: keep local path levels ("true"/"false"). */
  keep: boolean | 'true' | 'false';
  /** `-s`: KB/s, at most 1048576 (the SDK's default). */
  speedKBps?: number;
  /** `-C`: the DB config ini, or the literal "None" as the old SDK passed. */
  dbIni?: string;
  /** `-p`: network mode (0 auto, per §2.3). */
  networkMode?: number;
  /** `-r`: the binary's own retries; always "2" in the old SDK. */
  retries?: number;
}

/** The binary refuses a larger `-s` ("max speed mut small than …"). */
export const MAX_SPEED_KBPS = 1048576;

/** argv for one transmitter run, in `create_cmd`'s exact order. */
export function buildTransmitterArgs(call: TransmitterCall): string[] {
  const speed = Math.min(MAX_SPEED_KBPS, Math.max(1, Math.round(call.speedKBps ?? MAX_SPEED_KBPS)));
  return [
    '-E', call.engine,
    '-H', call.host,
    '-P', String(call.port),
    '-S', call.storageId,
    '-U', call.userId,
    '-T', call.type,
    '-L', call.local,
    '-R', call.remote,
    '-r', String(call.retries ?? 2),
    '-K', String(call.keep),
    '-s', String(speed),
    '-C', call.dbIni ?? 'None',
    '-p', String(Math.trunc(call.networkMode ?? 0)),
  ];
}
