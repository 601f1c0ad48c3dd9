/**
 * The farm: which one (the login flags, else a profile named by --profile / RAYVISION_PROFILE, else
 * the running sidecar's session, else the stored default profile, else the default domain when
 * credentials are in the environment), whether it answers over HTTP(S), and, when credentials
 * are at hand, whether it accepts them (one signed login, no retry). The key is never printed.
 */
import axios from 'axios';
import { DEFAULT_PROFILE, RayvisionAPI, readProfiles, resolveDomain } from '../../index';
import type { LoginFlags } from '../login-flags';
import { profileOf } from '../run';
import { fail, ok, warn, type CheckResult } from './check';
import type { SidecarFacts } from './sidecar';

interface Target {
  domain: string;
  protocol: 'http' | 'https';
  platform?: string | undefined;
  /** Where the target came from, for the summary. */
  from: string;
}

function targetOf(flags: LoginFlags, session: SidecarFacts['session'], env: NodeJS.ProcessEnv, home: string): Target | CheckResult {
  if (flags.domain) return { domain: resolveDomain(flags.domain), protocol: flags.protocol ?? 'https', platform: flags.platform, from: '--domain' };
  const named = profileOf(flags);
  const profiles = readProfiles(home);
  const stored = (name: string): Target | undefined => {
    const p = profiles[name];
    return p ? { domain: resolveDomain(p.domain), protocol: flags.protocol ?? p.protocol ?? 'https', platform: flags.platform ?? p.platform, from: `profile ${name}` } : undefined;
  };
  if (named) return stored(named) ?? warn('farm', `no stored profile "${named}"`, `store it with \`rayvision login --profile ${named}\` (see \`rayvision profiles\`)`);
  if (session?.loggedIn && session.domain) {
    const local = session.farm === 'local';
    return { domain: session.domain, protocol: local ? 'http' : (flags.protocol ?? 'https'), from: local ? "the sidecar's local farm" : "the sidecar's login" };
  }
  const fallback = stored(DEFAULT_PROFILE);
  if (fallback && !flags.local) return fallback;
  if (flags.local) return warn('farm', 'the local farm is not running yet', 'nothing to do: it starts inside the sidecar with the first `--local` command');
  if (env.RAYVISION_API_ACCESS_ID) return { domain: resolveDomain(undefined), protocol: flags.protocol ?? 'https', platform: flags.platform, from: 'the default domain' };
  return warn('farm', 'no farm to check: not logged in and no --domain given', 'pass --domain <host> (with RAYVISION_API_ACCESS_ID / RAYVISION_API_KEY set) or --local');
}

/** Any HTTP answer means the farm's host is reachable; the error code when it is not. */
async function reachable(url: string): Promise<{ ok: true; status: number } | { ok: false; reason: string }> {
  try {
    const r = await axios.get(url, { timeout: 10_000, maxRedirects: 0, validateStatus: () => true, responseType: 'text', proxy: false });
    return { ok: true, status: r.status };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { ok: false, reason: e.code ?? e.message ?? String(err) };
  }
}

export async function checkFarm(flags: LoginFlags, session: SidecarFacts['session'], env: NodeJS.ProcessEnv, home: string): Promise<CheckResult> {
  const t = targetOf(flags, session, env, home);
  if ('status' in t) return t;
  const url = `${t.protocol}://${t.domain}/`;
  const answer = await reachable(url);
  if (!answer.ok) {
    return fail('farm', `${url} (${t.from}) does not answer: ${answer.reason}`, 'check the domain and protocol, the network, a proxy or firewall between here and the farm');
  }
  const accessId = flags.accessId ?? env.RAYVISION_API_ACCESS_ID;
  const accessKey = flags.accessKey ?? env.RAYVISION_API_KEY;
  // A profile's key is in the keychain: the sidecar uses it at login; here only the farm's answer counts.
  if (!accessId || !accessKey || (t.from !== '--domain' && t.from !== 'the default domain')) {
    return ok('farm', `${url} (${t.from}) answers (HTTP ${answer.status})`);
  }
  try {
    const api = await RayvisionAPI.connect({ domain: t.domain, protocol: t.protocol, accessId, accessKey, ...(t.platform ? { platform: t.platform } : {}) }, { retry: false, timeout: 15 });
    api.close();
    return ok('farm', `${url} (${t.from}) answers and accepts the credentials (access id ${accessId.slice(0, 4)}…)`);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return fail('farm', `${url} answers but the login failed: ${e.message ?? String(err)}`, 'check RAYVISION_API_ACCESS_ID / RAYVISION_API_KEY (or --access-id) and --platform for this farm');
  }
}
