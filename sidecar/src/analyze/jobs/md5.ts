import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** md5 hex of a file, streamed (scenes can be gigabytes). */
export async function md5File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
