/**
 * Login options shared by every command that talks to a farm: `--local`, or `--domain` with
 * credentials (flags or RAYVISION_API_ACCESS_ID / RAYVISION_API_KEY), or nothing: then the profile
 * (`--profile`, default `default`) stored by `rayvision login` is used. An already logged-in
 * session of the profile is reused when no flag asks for another farm.
 */
import type { Command } from 'commander';
import { ErrorCodes } from '../../../protocol/src/error-codes';
import { RpcException, type SidecarClient } from '../rpc/index';
import { profileOf } from './run';

export interface LoginFlags {
  /** The global `--profile` (run.ts: profileOf). */
  profile?: string;
  local?: boolean;
  domain?: string;
  platform?: string;
  accessId?: string;
  accessKey?: string;
  protocol?: 'http' | 'https';
  frameMs?: string;
}

/** Adds the login options to a command. */
export function withLoginFlags(cmd: Command): Command {
  return cmd
    .option('--local', 'use the sidecar’s in-process local farm (started when needed)')
    .option('--domain <host>', 'farm host[:port], or China / Foreign')
    .option('--platform <id>', 'farm platform id')
    .option('--access-id <id>', 'access id (default: RAYVISION_API_ACCESS_ID)')
    .option('--access-key <key>', 'access key (default: RAYVISION_API_KEY); prefer the environment variable')
    .option('--protocol <p>', 'http or https')
    .option('--frame-ms <ms>', 'local farm: render time per frame in ms');
}

/** What the CLI says when the key came on the command line: anyone on the machine can read it there. */
export const ACCESS_KEY_WARNING =
  'rayvision: warning: --access-key on the command line is visible to every user of this machine (ps, /proc) and stays in your shell history. ' +
  'Store it once in the keychain with `rayvision login` (it asks for the key), or set RAYVISION_API_KEY in the environment instead.\n';

/** Logs the sidecar in when the flags ask for it, or checks that it already is. */
export async function ensureLogin(client: SidecarClient, f: LoginFlags, warn: (text: string) => void = (t) => void process.stderr.write(t)): Promise<void> {
  if (f.accessKey) warn(ACCESS_KEY_WARNING);
  // The sidecar may have been started with another environment: send this shell's credentials.
  const accessId = f.accessId ?? process.env.RAYVISION_API_ACCESS_ID;
  const accessKey = f.accessKey ?? process.env.RAYVISION_API_KEY;
  const wantsRemote = Boolean(f.domain || f.accessId || f.accessKey);
  const profile = profileOf(f);
  if (f.local || wantsRemote) {
    await client.call('session/login', {
      ...(profile ? { profile } : {}),
      farm: f.local ? 'local' : 'remote',
      ...(f.domain ? { domain: f.domain } : {}),
      ...(f.platform ? { platform: f.platform } : {}),
      ...(accessId && !f.local ? { accessId } : {}),
      ...(accessKey && !f.local ? { accessKey } : {}),
      ...(f.protocol ? { protocol: f.protocol } : {}),
      ...(f.frameMs ? { frameDurationMs: Number(f.frameMs) } : {}),
    });
    return;
  }
  const status = await client.call('session/status', {});
  if (status.loggedIn) return;
  // As before: credentials in the environment log in, unless a profile was named (then it wins).
  if (accessId && accessKey && !profile) {
    await client.call('session/login', { farm: 'remote', accessId, accessKey });
    return;
  }
  const name = profile ?? 'default';
  const { profiles } = await client.call('profiles/list', {});
  if (profiles.some((p) => p.name === name)) {
    await client.call('session/login', { profile: name });
    return;
  }
  throw new RpcException(
    ErrorCodes.NotLoggedIn,
    `Not logged in${profile ? ` (no profile "${name}" is stored)` : ''}: run \`rayvision login${profile ? ` --profile ${name}` : ''}\` once, or pass --local, or --domain with RAYVISION_API_ACCESS_ID and RAYVISION_API_KEY set.`,
  );
}
