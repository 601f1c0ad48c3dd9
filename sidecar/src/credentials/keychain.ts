/**
 * The OS keychain through `@napi-rs/keyring` (keyring-rs): Windows Credential Manager, the macOS
 * Keychain, the Secret Service on Linux (GNOME Keyring, KWallet, KeePassXC). Secrets are stored under
 * service `rayvision`, account `<profile name>`; the secret is the profile's access key.
 *
 * The addon is loaded on first use, so a machine without it (or a platform package npm did not
 * install) still runs, with the keychain reported unavailable and the reason named. On Linux the
 * entry is pinned to the Secret Service: keyring-rs would otherwise fall back to the kernel keyring,
 * which forgets everything at logout — a silent loss we do not want.
 */
import type { Entry as KeyringEntry } from '@napi-rs/keyring';

export const KEYCHAIN_SERVICE = 'rayvision';
/** The account the probe reads (never written): a lookup proves the store answers. */
const PROBE_ACCOUNT = '.rayvision-probe';
const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };

export interface KeychainProbe {
  available: boolean;
  /** The OS store this platform uses: "Secret Service", "macOS Keychain", "Windows Credential Manager". */
  backend: string;
  /** Why it is unavailable, in words a user can act on. */
  reason?: string;
}

/** The few calls the credential store needs; tests pass a stand-in only where no keychain can run. */
export interface KeychainBackend {
  probe(): Promise<KeychainProbe>;
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

type KeyringModule = { Entry: typeof KeyringEntry };
let addon: Promise<KeyringModule> | undefined;

function loadAddon(): Promise<KeyringModule> {
  // A dynamic import: the bundle keeps it external (dist/node_modules), the release aliases it to the
  // addon shipped beside the executable (scripts/release/sea-keyring.cjs).
  addon ??= import('@napi-rs/keyring').then((m) => ((m as { default?: KeyringModule }).default ?? m) as KeyringModule);
  return addon;
}

/** The name of this platform's keychain. */
export function keychainBackendName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}

/** Why a keychain call failed, for a user: the D-Bus situation on Linux, else the store's own words. */
function reasonOf(err: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const message = err instanceof Error ? err.message : String(err);
  if (process.platform === 'linux' || process.platform === 'freebsd') {
    if (!env.DBUS_SESSION_BUS_ADDRESS) return 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set: a headless or SSH session has no Secret Service)';
    if (/connect to socket|No such file|Connection refused/i.test(message)) return `the D-Bus session bus at ${env.DBUS_SESSION_BUS_ADDRESS} does not answer (${message})`;
    if (/ServiceUnknown|not provided by any \.service|org\.freedesktop\.secrets/i.test(message)) return `no Secret Service provider runs on the D-Bus session (start gnome-keyring, KWallet or KeePassXC): ${message}`;
    if (/locked/i.test(message)) return `the keyring is locked (unlock it, e.g. by logging in to the desktop): ${message}`;
  }
  return message;
}

async function entry(account: string): Promise<KeyringEntry> {
  const { Entry } = await loadAddon();
  return new Entry(KEYCHAIN_SERVICE, account, ENTRY_OPTIONS);
}

/** Whether this machine's keychain answers now, which one it is, and why not. */
export async function probeKeychain(): Promise<{ available: boolean; backend: string; reason?: string }> {
  const backend = keychainBackendName();
  try {
    await loadAddon();
  } catch (err) {
    return { available: false, backend, reason: `the keychain addon (@napi-rs/keyring) could not be loaded: ${(err as Error).message}` };
  }
  try {
    (await entry(PROBE_ACCOUNT)).getPassword();
    return { available: true, backend };
  } catch (err) {
    return { available: false, backend, reason: reasonOf(err) };
  }
}

/** A keychain error that says which store failed and why (never the secret). */
export class KeychainError extends Error {
  constructor(action: string, account: string, cause: unknown) {
    super(`${keychainBackendName()}: could not ${action} the secret of "${account}": ${reasonOf(cause)}`, { cause });
    this.name = 'KeychainError';
  }
}

/** The real keychain. */
export const osKeychain: KeychainBackend = {
  probe: probeKeychain,
  async get(account) {
    try {
      return (await entry(account)).getPassword() ?? undefined;
    } catch (err) {
      throw new KeychainError('read', account, err);
    }
  },
  async set(account, secret) {
    try {
      (await entry(account)).setPassword(secret);
    } catch (err) {
      throw new KeychainError('store', account, err);
    }
  },
  async delete(account) {
    try {
      (await entry(account)).deleteCredential();
    } catch (err) {
      throw new KeychainError('delete', account, err);
    }
  },
};
