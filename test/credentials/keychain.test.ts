// `rayvision login` as a person runs it, against a real keychain: Debian's gnome-keyring on a D-Bus
// session bus this test starts (test/helpers/secret-service.ts). The key must be in the Secret
// Service (read back with secret-tool, a client that is not ours) and in no file; a later command
// logs in from it alone. With no Secret Service at all (the bus address points nowhere) the CLI says
// so once, naming why, and the key lands in a 0600 file instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFarm, type Farm } from '../../sidecar/src/farm/index';
import { builtCli, removeBundle, type BuiltCli } from '../cli/helpers/built-cli';
import { secretServiceUnavailable, startSecretService, type SecretService } from '../helpers/secret-service';

const why = secretServiceUnavailable();
// CI installs the programs (.ci/run): there a missing one must fail, not skip.
if (why && process.env.CI) throw new Error(`CI must run the keychain tests: ${why}`);

/** Every file under `dir` whose bytes contain `secret`. */
function filesHolding(dir: string, secret: string): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) hits.push(...filesHolding(full, secret));
    else if (st.isFile() && readFileSync(full).includes(secret)) hits.push(full);
  }
  return hits;
}

let farm: Farm;
beforeAll(async () => {
  farm = await startFarm({ port: 0 });
});
afterAll(async () => {
  await farm?.close();
  removeBundle();
});

const loginFlags = () => ['--domain', farm.domain, '--protocol', 'http', '--platform', '2', '--access-id', farm.accessId];

describe.skipIf(why)(`rayvision login with a real Secret Service${why ? ` (skipped: ${why})` : ''}`, () => {
  let keyring: SecretService;
  let cli: BuiltCli;
  beforeAll(async () => {
    keyring = await startSecretService();
    cli = await builtCli(keyring.env);
  });
  afterAll(async () => {
    await cli?.close();
    await keyring?.stop();
  });

  it('stores the key in the keychain (service rayvision, account = profile), in no file, and logs in from it later', async () => {
    const login = await cli.run(['login', ...loginFlags()], { RAYVISION_API_KEY: farm.accessKey });
    expect(login.stderr).not.toMatch(/warning/);
    expect(login.exitCode, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/profile "default" saved/);
    expect(login.stdout).toMatch(/OS keychain \(service "rayvision", account "default"\)/);

    expect(await keyring.lookup('rayvision', 'default')).toBe(farm.accessKey);
    expect(filesHolding(cli.home, farm.accessKey)).toEqual([]);
    expect(filesHolding(keyring.env.HOME!, farm.accessKey)).toEqual([]); // the keyring file is encrypted
    const profiles = JSON.parse(readFileSync(path.join(cli.home, 'profiles.json'), 'utf8'));
    expect(profiles.profiles.default).toMatchObject({ farm: 'remote', accessId: farm.accessId, platform: '2' });

    const listed = await cli.run(['--json', 'profiles']);
    const { result } = JSON.parse(listed.stdout.trim().split('\n').pop()!);
    expect(result.keychain).toEqual({ available: true, backend: 'Secret Service' });
    expect(result.profiles).toEqual([expect.objectContaining({ name: 'default', keyStore: 'keychain', loggedIn: true })]);

    // A fresh sidecar with no key anywhere but the keychain: `tasks` logs in from the stored profile.
    await cli.run(['stop']);
    const tasks = await cli.run(['tasks'], { RAYVISION_API_KEY: '', RAYVISION_API_ACCESS_ID: '' });
    expect(tasks.exitCode, tasks.stderr).toBe(0);
  });

  it('keeps a key per profile, and `logout --forget` deletes it from the keychain', async () => {
    const login = await cli.run(['login', '--profile', 'studio-gpu', ...loginFlags()], { RAYVISION_API_KEY: farm.accessKey });
    expect(login.exitCode, login.stderr).toBe(0);
    expect(await keyring.lookup('rayvision', 'studio-gpu')).toBe(farm.accessKey);
    const forget = await cli.run(['logout', '--profile', 'studio-gpu', '--forget']);
    expect(forget.exitCode, forget.stderr).toBe(0);
    expect(await keyring.lookup('rayvision', 'studio-gpu')).toBeUndefined();
    expect(await keyring.lookup('rayvision', 'default')).toBe(farm.accessKey);
  });
});

describe('rayvision login with no Secret Service', () => {
  let cli: BuiltCli;
  beforeAll(async () => {
    cli = await builtCli({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rayvision-test-bus' });
  });
  afterAll(async () => cli?.close());

  it('warns once, naming why, and falls back to a 0600 file', async () => {
    const login = await cli.run(['login', ...loginFlags()], { RAYVISION_API_KEY: farm.accessKey });
    expect(login.exitCode, login.stderr).toBe(0);
    const warnings = login.stderr.split('\n').filter((l) => /warning/.test(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no OS keychain \(Secret Service: the D-Bus session bus at unix:path=\/nonexistent\/rayvision-test-bus does not answer/);
    const file = path.join(cli.home, 'credentials.json');
    expect(warnings[0]).toContain(`${file} (mode 0600)`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ profiles: { default: { accessKey: farm.accessKey } } });
    expect(filesHolding(cli.home, farm.accessKey)).toEqual([file]);

    const listed = await cli.run(['profiles']);
    expect(listed.stdout).toMatch(/default\s+remote.*the 0600 file/);
    expect(listed.stdout).toMatch(/keychain: Secret Service unavailable: the D-Bus session bus/);
    await cli.run(['stop']);
    const tasks = await cli.run(['tasks'], { RAYVISION_API_KEY: '', RAYVISION_API_ACCESS_ID: '' });
    expect(tasks.exitCode, tasks.stderr).toBe(0);
  });
});
