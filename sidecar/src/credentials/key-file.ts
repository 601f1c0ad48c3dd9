/**
 * The fallback for machines without a keychain (a headless Linux box, CI): access keys in
 * `<sdk home>/credentials.json`, mode 0600 in the 0700 SDK home, written atomically. Used only when the
 * keychain is unavailable, and the credential store says so when it does (credential-store.ts).
 */
import path from 'node:path';
import { readPrivateJson, writePrivateJson } from './private-json';

interface KeyFile {
  profiles: Record<string, { accessKey: string }>;
}

export const keyFilePath = (home: string): string => path.join(home, 'credentials.json');

const read = (home: string): KeyFile['profiles'] => readPrivateJson<Partial<KeyFile>>(keyFilePath(home), { profiles: {} }).profiles ?? {};

/** The profile's key from the file, if it holds one. */
export function readFileKey(home: string, profile: string): string | undefined {
  const key = read(home)[profile]?.accessKey;
  return typeof key === 'string' && key ? key : undefined;
}

/** Stores (or with `undefined`, removes) the profile's key in the file. */
export async function writeFileKey(home: string, profile: string, accessKey: string | undefined): Promise<void> {
  const profiles = read(home);
  if (accessKey === undefined && !(profile in profiles)) return;
  if (accessKey === undefined) delete profiles[profile];
  else profiles[profile] = { accessKey };
  await writePrivateJson(keyFilePath(home), { profiles });
}
