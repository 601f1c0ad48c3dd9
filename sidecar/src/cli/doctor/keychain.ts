/**
 * The keychain's part of `rayvision doctor`, behind one adapter: the credentials layer's
 * `probeKeychain()` says whether the OS keychain can hold the profiles' access keys (service
 * "rayvision", account "<profile>"), and why not.
 */
import { probeKeychain as probeOsKeychain } from '../../index';
import { ok, warn, type CheckResult } from './check';

export interface KeychainProbe {
  available: boolean;
  backend: string;
  reason?: string;
}

export type KeychainProber = () => Promise<KeychainProbe>;

/** The real OS keychain (sidecar/src/credentials/keychain.ts). */
export const probeKeychain: KeychainProber = probeOsKeychain;

export async function checkKeychain(probe: KeychainProber = probeKeychain): Promise<CheckResult> {
  const r = await probe();
  if (r.available) return ok('keychain', `access keys are kept in the OS keychain (${r.backend}, service "rayvision")`);
  return warn('keychain', `no OS keychain (${r.backend}): ${r.reason ?? 'not available'}; rayvision login keeps the access key in <sdk home>/credentials.json (mode 0600) instead`, 'on Linux run a Secret Service (e.g. gnome-keyring) in your desktop session; on a headless box the 0600 file is the fallback');
}
