/**
 * `profiles/*`: the stored profiles and their keys, mapped onto the SDK's CredentialStore (settings in
 * profiles.json, keys in the OS keychain or the 0600 file). A profile's live session is the
 * sidecar's (profile-sessions.ts); removing a profile logs it out first.
 */
import { ErrorCodes } from '../../../protocol/src/index';
import type { PartialHandlers } from './dispatcher';
import { RpcException } from './rpc-errors';
import { runningJobsOf } from './session';

export const profileHandlers: PartialHandlers<'profiles/list' | 'profiles/save' | 'profiles/remove'> = {
  'profiles/list': async (_p, { sidecar }) => {
    const stored = await sidecar.credentials.list();
    const profiles = stored.map((p) => ({ ...p, loggedIn: sidecar.sessions.isLoggedIn(p.name) }));
    // A session logged in with given credentials only (not stored) is listed too: it serves clients now.
    for (const s of sidecar.sessions.all()) {
      if (s.isLoggedIn() && !profiles.some((p) => p.name === s.profile)) {
        profiles.push({ name: s.profile, farm: s.farmKind!, ...(s.domain ? { domain: s.domain } : {}), ...(s.platform ? { platform: s.platform } : {}), keyStore: 'none', loggedIn: true });
      }
    }
    profiles.sort((a, b) => a.name.localeCompare(b.name));
    return { profiles, keychain: await sidecar.credentials.keychainStatus() };
  },

  'profiles/save': async (p, { sidecar }) => {
    const settings = {
      farm: p.farm,
      ...(p.domain ? { domain: p.domain } : {}),
      ...(p.platform ? { platform: p.platform } : {}),
      ...(p.accessId ? { accessId: p.accessId } : {}),
      ...(p.protocol ? { protocol: p.protocol } : {}),
    };
    const saved = await sidecar.credentials.save(p.profile, settings, p.accessKey);
    return { profile: p.profile, ...saved };
  },

  'profiles/remove': async ({ profile, force }, { sidecar }) => {
    const running = runningJobsOf(sidecar, profile);
    if (running.length > 0 && !force) {
      throw new RpcException(ErrorCodes.SessionBusy, `${running.length} job(s) of profile "${profile}" still run; cancel them or pass force: true.`, { jobIds: running });
    }
    if (running.length > 0) await sidecar.jobs.cancelAll(`The job was cancelled: profile "${profile}" was removed.`, 5000, profile);
    const session = sidecar.sessions.get(profile);
    session.logout();
    await session.stopLocalFarm();
    await sidecar.credentials.remove(profile);
    return { ok: true as const };
  },
};
