/**
 * `api.userInfo` (spec/api.md §4.3): the profile, setting and bid answers merged (later wins) with
 * keys turned from camelCase to snake_case, on top of the local facts (local_os, domain, platform).
 */
import os from 'node:os';

/** `userId` → `user_id`, `UserID` → `user_id`, `c4dFlag` → `c4d_flag`; snake keys stay as they are. */
export function humpToUnderline(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export interface UserInfo {
  local_os: string;
  domain: string;
  platform: string;
  user_id?: number;
  user_name?: string;
  input_bid?: string;
  config_bid?: string;
  output_bid?: string;
  parent_input_bid?: string;
  [key: string]: unknown;
}

/** The info before login: what this machine and the configuration say. */
export function baseUserInfo(domain: string, platform: string): UserInfo {
  return { local_os: os.platform() === 'win32' ? 'windows' : os.platform(), domain, platform };
}

/** Merges the login answers into `base`; a `platform` key is skipped so the configured platform survives. */
export function buildUserInfo(base: UserInfo, profile: object | null, setting: object | null, bid: object | null): UserInfo {
  const info: UserInfo = { ...base };
  const merged: Record<string, unknown> = { ...(profile ?? {}), ...(setting ?? {}), ...(bid ?? {}) };
  delete merged.platform;
  for (const [key, value] of Object.entries(merged)) info[humpToUnderline(key)] = value;
  return info;
}
