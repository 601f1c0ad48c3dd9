/**
 * `login`, `logout` and `profiles`: named profiles (one per account, domain and platform, like AWS
 * profiles) stored by the sidecar — settings in `<sdk home>/profiles.json`, the access key in the OS
 * keychain (service "rayvision", account "<profile>"), or in a 0600 file with a warning where no
 * keychain answers.
 */
import type { Command } from 'commander';
import { ErrorCodes } from '../../../../protocol/src/error-codes';
import { RpcException } from '../../rpc/index';
import { ACCESS_KEY_WARNING, type LoginFlags } from '../login-flags';
import { ask, canAsk } from '../prompt';
import { profileOf, runAction, type GlobalFlags } from '../run';

type Flags = LoginFlags & GlobalFlags & { forget?: boolean; force?: boolean };
const KEY_HOME: Record<string, string> = { keychain: 'the OS keychain', file: 'the 0600 file (no keychain)', none: '—' };

/** The key from the flag, the environment, or (on a terminal) a hidden prompt. */
async function accessKeyOf(f: Flags): Promise<string | undefined> {
  if (f.accessKey) {
    process.stderr.write(ACCESS_KEY_WARNING);
    return f.accessKey;
  }
  if (process.env.RAYVISION_API_KEY) return process.env.RAYVISION_API_KEY;
  return canAsk() ? (await ask('Access key (not shown): ', true)) || undefined : undefined;
}

/** Registers login, logout and profiles. */
export function registerProfileCommands(program: Command): void {
  program
    .command('login')
    .description('log in and store the profile: the access key goes to the OS keychain (asked for on a terminal)')
    .option('--local', 'a profile for the sidecar’s in-process local farm')
    .option('--domain <host>', 'farm host[:port], or China / Foreign (default task.renderbus.com)')
    .option('--platform <id>', 'farm platform id')
    .option('--access-id <id>', 'access id (default: RAYVISION_API_ACCESS_ID, else asked for)')
    .option('--access-key <key>', 'access key (default: RAYVISION_API_KEY, else asked for without echo); visible in ps: avoid')
    .option('--protocol <p>', 'http or https')
    .action((_o, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      return runAction(f, async (client, out) => {
        const profile = profileOf(f) ?? 'default';
        let accessId: string | undefined;
        let accessKey: string | undefined;
        if (!f.local) {
          accessId = f.accessId ?? process.env.RAYVISION_API_ACCESS_ID ?? (canAsk() ? await ask('Access id: ') : undefined);
          accessKey = await accessKeyOf(f);
          if (!accessId || !accessKey) {
            throw new RpcException(ErrorCodes.InvalidParams, 'rayvision login needs an access id and key: run it on a terminal (it asks), or set RAYVISION_API_ACCESS_ID and RAYVISION_API_KEY, or pass --local.');
          }
        }
        const r = await client.call('session/login', {
          profile,
          save: true,
          farm: f.local ? 'local' : 'remote',
          ...(f.domain ? { domain: f.domain } : {}),
          ...(f.platform ? { platform: f.platform } : {}),
          ...(accessId ? { accessId } : {}),
          ...(accessKey ? { accessKey } : {}),
          ...(f.protocol ? { protocol: f.protocol } : {}),
        });
        if (r.warning) out.info(`rayvision: warning: ${r.warning}`);
        const user = typeof r.userInfo.user_name === 'string' ? ` as ${r.userInfo.user_name}` : '';
        out.result(r, () =>
          [
            `logged in${user} to ${r.farm === 'local' ? 'the local farm' : r.domain} (platform ${r.platform}); profile "${profile}" saved`,
            r.keyStore === 'keychain' ? `the access key is in the OS keychain (service "rayvision", account "${profile}")` : r.keyStore === 'file' ? 'the access key is in the 0600 file named above' : '',
          ].filter(Boolean).join('\n'),
        );
      });
    });

  program
    .command('logout')
    .description('log the profile’s session out of the sidecar (--forget also deletes the stored profile and its key)')
    .option('--forget', 'also remove the stored profile and its key from the keychain')
    .option('--force', 'cancel the profile’s running jobs instead of refusing')
    .action((_o, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      return runAction(f, async (client, out) => {
        const profile = profileOf(f) ?? 'default';
        if (f.forget) await client.call('profiles/remove', { profile, force: Boolean(f.force) });
        else await client.call('session/logout', { force: Boolean(f.force) });
        out.result({ ok: true, profile, forgotten: Boolean(f.forget) }, () => `profile "${profile}" logged out${f.forget ? ' and forgotten (settings and key removed)' : ''}`);
      });
    });

  program
    .command('profiles')
    .description('list the stored profiles, where each key is kept, and the keychain’s state')
    .action((_o, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      return runAction(f, async (client, out) => {
        const r = await client.call('profiles/list', {});
        const rows = r.profiles.map((p) => [p.name, p.farm, p.domain ?? '', p.platform ?? '', p.accessId ?? '', KEY_HOME[p.keyStore] ?? p.keyStore, p.loggedIn ? 'yes' : 'no']);
        const head = ['PROFILE', 'FARM', 'DOMAIN', 'PLATFORM', 'ACCESS ID', 'KEY', 'LOGGED IN'];
        const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
        const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
        const chain = r.keychain.available ? `keychain: ${r.keychain.backend} (available)` : `keychain: ${r.keychain.backend} unavailable: ${r.keychain.reason ?? 'unknown'}; keys go to a 0600 file`;
        out.result(r, () => [rows.length ? [line(head), ...rows.map(line)].join('\n') : 'no profiles stored: `rayvision login [--profile name]` stores one', chain].join('\n'));
      });
    });
}
