/**
 * The keychain's part of `rayvision doctor`, behind one adapter: `probeKeychain()` says whether the
 * OS keychain can hold the access key. Until the credentials layer (sidecar/src/credentials) is part
 * of this build, the adapter answers that keychain support is not installed.
 */
import { ok, warn, type CheckResult } from './check';

export interface KeychainProbe {
  available: boolean;
  backend: string;
  reason?: string;
}

export type KeychainProber = () => Promise<KeychainProbe>;

/** This build's prober: no keychain layer in it yet. */
export const probeKeychain: KeychainProber = async () => ({ available: false, backend: 'none', reason: 'keychain support not installed' });

export async function checkKeychain(probe: KeychainProber = probeKeychain): Promise<CheckResult> {
  const r = await probe();
  if (r.available) return ok('keychain', `credentials are kept in the OS keychain (${r.backend})`);
  return warn('keychain', `no OS keychain: ${r.reason ?? 'not available'}; the plugins keep the access key in their owner-only (0600) settings file`, 'on Linux run a Secret Service (e.g. gnome-keyring) in your desktop session; on a headless box the 0600 file is the fallback');
}
