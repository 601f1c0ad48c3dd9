/**
 * Test helpers for upload tests against the local farm: the HTTP line of a farm (as getConfig
 * advertises it), source trees of generated files, and snapshots of what the farm stored.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Farm } from '../../../sidecar/src/farm';
import type { TransferLine } from '../../../sidecar/src/transfer/transfer-line';

/** The farm's HTTP storage line and account, exactly what getConfig returns for engine "HTTP". */
export function farmLine(farm: Farm): TransferLine {
  const account = { name: farm.account.storageName } as { name: string; readonly password: string };
  Object.defineProperty(account, 'password', { value: farm.account.storagePassword, enumerable: false });
  return { engine: 'http', serverName: 'local', serverIp: farm.host, serverPort: farm.port, account };
}

/** Write `count` small files (distinct content) under `dir`, spread over sub-folders; returns their paths. */
export async function makeSmallFiles(dir: string, count: number, prefix = 'f'): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, `d${Math.floor(i / 500)}`);
    if (i % 500 === 0) await mkdir(sub, { recursive: true });
    const file = path.join(sub, `${prefix}${i}.bin`);
    await writeFile(file, `file ${i} ${'x'.repeat(i % 97)}\n`);
    files.push(file);
  }
  return files;
}

/** Where the farm stores `serverPath` of storage `bid` (the farm keeps `<storageDir>/<bid>/<path>`). */
export const storedPath = (farm: Farm, bid: string, serverPath: string): string => path.join(farm.storageDir, bid, ...serverPath.split('/').filter(Boolean));

/** Every stored file below `root`: relative path → (mtimeMs, ino, size). */
export async function snapshot(root: string): Promise<Map<string, { mtimeMs: number; ino: number; size: number }>> {
  const out = new Map<string, { mtimeMs: number; ino: number; size: number }>();
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const s = await stat(p);
        out.set(path.relative(root, p), { mtimeMs: s.mtimeMs, ino: s.ino, size: s.size });
      }
    }
  };
  await walk(root);
  return out;
}

/** sha256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const b of createReadStream(file)) h.update(b as Buffer);
  return h.digest('hex');
}
