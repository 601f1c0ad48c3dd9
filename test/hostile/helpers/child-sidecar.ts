// Runs a sidecar in a child process and checks, after each hostile case, that the same process
// still serves a legitimate client (login on the local farm and a call).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { TestClient } from '../../rpc/helpers/ws-client';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export interface ChildSidecar {
  port: number;
  token: string;
  pid: number;
  home: string;
  /** Everything the sidecar wrote to stderr so far (its connection log). */
  log(): string;
  /** Resident memory of the sidecar process in bytes. */
  rss(): number;
  /** Memory after a full garbage collection in the sidecar (rss and live heap, bytes). */
  settledMemory(): Promise<{ rss: number; heapUsed: number }>;
  /** A legitimate client logs in, runs a call, and the PID is still the one we started. */
  assertServes(): Promise<void>;
  close(): Promise<void>;
}

export async function startChildSidecar(opts: { handshakeTimeoutMs?: number; maxMessageBytes?: number } = {}): Promise<ChildSidecar> {
  const home = mkdtempSync(path.join(tmpdir(), 'rv-hostile-'));
  const child: ResultPromise = execa(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'test/hostile/fixtures/run-sidecar.ts', home, String(opts.handshakeTimeoutMs ?? ''), String(opts.maxMessageBytes ?? '')],
    { cwd: repoRoot, reject: false, buffer: false, stdin: 'ignore' },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const info = await new Promise<{ port: number; token: string; pid: number }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    void child.then((r) => reject(new Error(`sidecar exited before listening (${r.exitCode}): ${stderr}`)));
  });
  let exited: string | undefined;
  void child.then((r) => (exited = `exit ${r.exitCode ?? r.signal}`));
  return {
    ...info,
    home,
    log: () => stderr,
    settledMemory: async () => {
      const seen = stderr.length;
      process.kill(info.pid, 'SIGUSR2');
      for (;;) {
        const line = stderr.slice(seen).split('\n').find((l) => l.startsWith('MEMORY '));
        if (line) return JSON.parse(line.slice(7)) as { rss: number; heapUsed: number };
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    rss: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${info.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
    async assertServes() {
      if (exited) throw new Error(`the sidecar died (${exited}):\n${stderr}`);
      const c = await TestClient.open(info.port, info.token);
      try {
        await c.initialize('legit');
        await c.call('session/login', { farm: 'local' });
        const status = await c.call('session/status', {});
        if (status.pid !== info.pid || !status.loggedIn) throw new Error(`unexpected status ${JSON.stringify(status)}`);
      } finally {
        c.close();
        await c.closed;
      }
      if (exited) throw new Error(`the sidecar died (${exited}):\n${stderr}`);
    },
    async close() {
      child.kill('SIGTERM');
      await child;
      rmSync(home, { recursive: true, force: true });
    },
  };
}
