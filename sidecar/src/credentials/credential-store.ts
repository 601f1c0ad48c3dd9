/**
 * Profiles and their secrets together: settings in profiles.json, the access key in the OS keychain
 * (service "rayvision", account "<profile>"), or — only where no keychain answers — in the 0600 key
 * file, with a warning that names why. The warning goes to `warn` once per store (the sidecar's log)
 * and rides on every result that used the file, so each caller can show it: never a silent fallback.
 */
import { FarmError } from '../errors';
import { keyFilePath, readFileKey, writeFileKey } from './key-file';
import { osKeychain, type KeychainBackend, type KeychainProbe } from './keychain';
import { checkProfileName, readProfiles, writeProfile, type ProfileSettings } from './profiles-file';

/** Where a profile's key is: the keychain, the fallback file, or nowhere (local farm, or never given). */
export type KeyStoreKind = 'keychain' | 'file' | 'none';

export interface StoredProfile extends ProfileSettings {
  name: string;
  keyStore: KeyStoreKind;
}

export interface SaveResult {
  keyStore: KeyStoreKind;
  /** Set when the key went to the file: why there is no keychain, and where the key is instead. */
  warning?: string;
}

/** No stored profile by that name. */
export class ProfileNotFoundError extends FarmError {
  constructor(name: string, known: string[]) {
    super('ERR_PROFILE_NOT_FOUND', `No profile "${name}" is stored${known.length ? ` (profiles: ${known.join(', ')})` : ''}: create it with \`rayvision login --profile ${name}\`.`, { details: { profile: name, profiles: known } });
  }
}

export class CredentialStore {
  #warned = false;

  constructor(
    readonly home: string,
    private readonly keychain: KeychainBackend = osKeychain,
    private readonly warn: (text: string) => void = (t) => void process.stderr.write(`rayvision: warning: ${t}\n`),
  ) {}

  /** The keychain's state now (asked each time: a keyring unlocked later is used from then on). */
  keychainStatus(): Promise<KeychainProbe> {
    return this.keychain.probe();
  }

  /** Stores a profile's settings and, when given, its access key; answers where the key went. */
  async save(name: string, settings: ProfileSettings, accessKey?: string): Promise<SaveResult> {
    checkProfileName(name);
    await writeProfile(this.home, name, settings);
    if (accessKey === undefined) return { keyStore: await this.#whereIs(name) };
    const probe = await this.keychain.probe();
    let why = probe.reason ?? 'unavailable';
    if (probe.available) {
      try {
        await this.keychain.set(name, accessKey);
        await writeFileKey(this.home, name, undefined); // a copy left from a keychain-less time goes
        return { keyStore: 'keychain' };
      } catch (err) {
        why = (err as Error).message;
      }
    }
    await writeFileKey(this.home, name, accessKey);
    const warning = `no OS keychain (${probe.backend}: ${why}); the access key of profile "${name}" is stored in ${keyFilePath(this.home)} (mode 0600) instead.`;
    if (!this.#warned) this.warn(warning);
    this.#warned = true;
    return { keyStore: 'file', warning };
  }

  /** A profile's settings and key (from the keychain, else the fallback file). */
  async load(name: string): Promise<{ settings: ProfileSettings; accessKey?: string; keyStore: KeyStoreKind }> {
    checkProfileName(name);
    const all = readProfiles(this.home);
    const settings = all[name];
    if (!settings) throw new ProfileNotFoundError(name, Object.keys(all));
    const fromChain = await this.#keychainKey(name);
    if (fromChain) return { settings, accessKey: fromChain, keyStore: 'keychain' };
    const fromFile = readFileKey(this.home, name);
    return fromFile ? { settings, accessKey: fromFile, keyStore: 'file' } : { settings, keyStore: 'none' };
  }

  /** Whether a profile is stored (settings in profiles.json). */
  has(name: string): boolean {
    return name in readProfiles(this.home);
  }

  /** Every stored profile with where its key is (never the key). */
  async list(): Promise<StoredProfile[]> {
    const all = readProfiles(this.home);
    const out: StoredProfile[] = [];
    for (const name of Object.keys(all).sort()) out.push({ name, ...all[name]!, keyStore: await this.#whereIs(name) });
    return out;
  }

  /** Forgets a profile: its settings, its keychain entry and its line in the key file. */
  async remove(name: string): Promise<void> {
    checkProfileName(name);
    if ((await this.keychain.probe()).available) await this.keychain.delete(name);
    await writeFileKey(this.home, name, undefined);
    await writeProfile(this.home, name, undefined);
  }

  async #keychainKey(name: string): Promise<string | undefined> {
    if (!(await this.keychain.probe()).available) return undefined;
    return this.keychain.get(name);
  }

  async #whereIs(name: string): Promise<KeyStoreKind> {
    if (await this.#keychainKey(name)) return 'keychain';
    return readFileKey(this.home, name) ? 'file' : 'none';
  }
}
