/**
 * Named profiles (like AWS profiles): one per account, domain and platform, in
 * `<sdk home>/profiles.json` (0600). Only non-secret settings live here; the access key is in the
 * keychain (or, with no keychain, in the 0600 key file: key-file.ts).
 */
import path from 'node:path';
import { FarmError } from '../errors';
import { readPrivateJson, writePrivateJson } from './private-json';

export const DEFAULT_PROFILE = 'default';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What a profile remembers besides its secret. */
export interface ProfileSettings {
  farm: 'remote' | 'local';
  domain?: string;
  platform?: string;
  accessId?: string;
  protocol?: 'http' | 'https';
}

interface ProfilesFile {
  profiles: Record<string, ProfileSettings>;
}

/** A profile name that cannot name a keychain account or a folder safely. */
export class ProfileNameError extends FarmError {
  constructor(name: string) {
    super('ERR_PROFILE_NAME', `"${name}" is not a usable profile name: use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. studio-gpu).`, { details: { profile: name } });
  }
}

/** Throws ProfileNameError unless `name` is a valid profile name; returns it. */
export function checkProfileName(name: string): string {
  if (!NAME.test(name) || name === '.' || name === '..') throw new ProfileNameError(name);
  return name;
}

export const profilesPath = (home: string): string => path.join(home, 'profiles.json');

/** Every stored profile's settings, by name. */
export function readProfiles(home: string): Record<string, ProfileSettings> {
  const data = readPrivateJson<Partial<ProfilesFile>>(profilesPath(home), { profiles: {} });
  return data.profiles && typeof data.profiles === 'object' ? data.profiles : {};
}

/** Stores (replaces) one profile's settings; `undefined` removes it. */
export async function writeProfile(home: string, name: string, settings: ProfileSettings | undefined): Promise<void> {
  checkProfileName(name);
  const profiles = readProfiles(home);
  if (settings) profiles[name] = settings;
  else delete profiles[name];
  await writePrivateJson(profilesPath(home), { profiles });
}
