/**
 * Named profiles, like AWS profiles: one per account, domain and platform (`default`, `studio-gpu` …).
 * A profile's settings (farm, domain, platform, access id, protocol) live in `<sdk home>/profiles.json`;
 * its access key lives in the OS keychain — service `rayvision`, account `<profile name>` — or, only
 * where no keychain answers (a headless Linux box, CI), in `<sdk home>/credentials.json` (mode 0600),
 * and the answer says so (`keyStore: "file"` with a `warning` naming why).
 *
 * The sidecar serves one session per profile: each connection works for one profile (chosen by
 * `session/initialize { profile }` or the last `session/login { profile }`, default `default`), and
 * its jobs, uploads and record DBs stay that profile's.
 * @since 1.2
 */
import { z } from 'zod';
import { defineMethod } from './define';
import { ErrorCodes } from './errors';
import { NoParams, Ok } from './common';

/** 1–64 letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const ProfileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a profile name is 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');

/** Where a profile's access key is kept: the OS keychain, the 0600 fallback file, or nowhere (local farm). */
export const KeyStore = z.enum(['keychain', 'file', 'none']);

/** The keychain of this machine, as `probeKeychain()` sees it. */
export const KeychainState = z.object({
  available: z.boolean(),
  /** "Secret Service", "macOS Keychain" or "Windows Credential Manager". */
  backend: z.string(),
  /** Why it is unavailable (no D-Bus session, no Secret Service provider, locked …). */
  reason: z.string().optional(),
});

export const ProfileInfo = z.object({
  name: ProfileName,
  farm: z.enum(['remote', 'local']),
  domain: z.string().optional(),
  platform: z.string().optional(),
  accessId: z.string().optional(),
  protocol: z.enum(['https', 'http']).optional(),
  keyStore: KeyStore,
  /** Whether this sidecar holds a logged-in session for the profile now. */
  loggedIn: z.boolean(),
});

/**
 * `profiles/list`: the stored profiles (never a key) and the keychain's state.
 * @since 1.2
 */
export const list = defineMethod({
  method: 'profiles/list',
  params: NoParams,
  result: z.object({ profiles: z.array(ProfileInfo), keychain: KeychainState }),
  summary: 'The stored profiles (settings and where each key is kept) and the keychain state.',
  since: '1.2',
});

export const SaveProfileParams = z.object({
  profile: ProfileName,
  farm: z.enum(['remote', 'local']).default('remote'),
  domain: z.string().optional(),
  platform: z.string().optional(),
  accessId: z.string().optional(),
  /** Goes to the keychain (or the 0600 file); never logged, never echoed back. Omitted: the stored key is kept. */
  accessKey: z.string().min(1).optional(),
  protocol: z.enum(['https', 'http']).optional(),
});

export const SaveResult = z.object({
  profile: ProfileName,
  keyStore: KeyStore,
  /** Set when the key went to the fallback file: why there is no keychain, and where the key is. */
  warning: z.string().optional(),
});

/**
 * `profiles/save`: store a profile without logging in (the plugins' migration of an old plaintext
 * key, a settings form). `session/login { save: true }` stores after a successful login instead.
 * @since 1.2
 */
export const save = defineMethod({
  method: 'profiles/save',
  params: SaveProfileParams,
  result: SaveResult,
  errors: [ErrorCodes.SdkError],
  summary: 'Store a profile: settings in profiles.json, the access key in the OS keychain (or the 0600 file).',
  since: '1.2',
});

/**
 * `profiles/remove`: forget a profile (settings and key). Its session is logged out; refused while
 * its jobs run (SessionBusy) unless `force`, which cancels them.
 * @since 1.2
 */
export const remove = defineMethod({
  method: 'profiles/remove',
  params: z.strictObject({ profile: ProfileName, force: z.boolean().default(false) }),
  result: Ok,
  errors: [ErrorCodes.SessionBusy, ErrorCodes.SdkError],
  summary: 'Forget a stored profile and its key; logs its session out.',
  since: '1.2',
});

export const profileMethods = [list, save, remove] as const;
