/**
 * A real Secret Service for one test file: its own D-Bus session bus (`dbus-daemon --session`) and
 * Debian's gnome-keyring-daemon on it, with a fresh login keyring unlocked by a throwaway password,
 * in a temp HOME. Nothing of the machine's own session is touched; `stop()` ends both processes (by
 * their pids). `unavailable` says why it could not start (missing programs); CI installs them
 * (.ci/run), so there a missing program is a failure, not a skip.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, execaSync, type ResultPromise } from 'execa';

export interface SecretService {
  /** Environment for a child that should use this keyring. */
  env: Record<string, string>;
  /** `secret-tool lookup service <service> username <account>` on this bus; undefined when absent. */
  lookup(service: string, account: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

const PROGRAMS = ['dbus-daemon', 'gnome-keyring-daemon', 'secret-tool', 'dbus-send'];

/** Why no Secret Service can run here, or undefined when it can. */
export function secretServiceUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'the Secret Service test runs on Linux';
  const missing = PROGRAMS.filter((p) => execaSync('sh', ['-c', `command -v ${p}`], { reject: false }).exitCode !== 0);
  return missing.length ? `missing ${missing.join(', ')} (Debian: dbus-daemon, dbus-bin, gnome-keyring, libsecret-tools; .ci/run installs them)` : undefined;
}

async function ownsSecrets(env: Record<string, string>): Promise<boolean> {
  const r = await execa('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'], { env, reject: false });
  return /boolean true/.test(String(r.stdout));
}

/** Starts the bus and the keyring and waits until the keyring owns org.freedesktop.secrets. */
export async function startSecretService(): Promise<SecretService> {
  const home = mkdtempSync(path.join(tmpdir(), 'rv-keyring-'));
  const runtime = path.join(home, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const base = { HOME: home, XDG_RUNTIME_DIR: runtime, XDG_DATA_HOME: path.join(home, 'data'), PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const bus: ResultPromise = execa('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address=1'], { env: base, reject: false, buffer: false });
  const address = await new Promise<string>((resolve, reject) => {
    let text = '';
    bus.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]!.trim());
    });
    void bus.then((r) => reject(new Error(`dbus-daemon ended (exit ${r.exitCode}) before printing its address`)));
  });
  const env = { ...base, DBUS_SESSION_BUS_ADDRESS: address };
  // --unlock reads the login keyring's password on stdin (and creates the keyring with it).
  const keyring: ResultPromise = execa('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, input: 'throwaway-test-password', reject: false, buffer: false });
  let ended = false;
  void keyring.then(() => (ended = true));
  for (let attempt = 0; !(await ownsSecrets(env)); attempt++) {
    if (ended || attempt > 400) {
      bus.kill();
      throw new Error(`gnome-keyring-daemon did not take org.freedesktop.secrets on the test bus (${ended ? 'it exited' : 'never registered'})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    env,
    async lookup(service, account) {
      const r = await execa('secret-tool', ['lookup', 'service', service, 'username', account], { env, reject: false });
      return r.exitCode === 0 && String(r.stdout) !== '' ? String(r.stdout) : undefined;
    },
    async stop() {
      keyring.kill();
      bus.kill();
      await Promise.allSettled([keyring, bus]);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
