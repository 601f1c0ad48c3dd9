/**
 * Runs a local farm from the command line:
 *   npx tsx sidecar/src/farm/main.ts [--port 0] [--dir <folder>] [--host 127.0.0.1] [--frame-ms 50]
 * Prints `{ url, domain, accessId, accessKey, userId, dir }` as one JSON line on stdout and serves
 * until SIGINT/SIGTERM. The access key is printed on purpose: it is a local sandbox credential that
 * the caller needs to configure its client.
 */
import { startFarm, type StartFarmOptions } from './start-farm';

function parseArgs(argv: string[]): StartFarmOptions {
  const opts: StartFarmOptions = {};
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = (): number => {
      const v = value();
      if (!/^\s*\d+(\.\d+)?\s*$/.test(v)) throw new Error(`${flag} needs a number, got "${v}".`);
      return Number(v);
    };
    if (flag === '--port') opts.port = number();
    else if (flag === '--dir') opts.dir = value();
    else if (flag === '--host') opts.host = value();
    else if (flag === '--frame-ms') opts.frameDurationMs = number();
    else throw new Error(`Unknown option ${flag}. Options: --port, --dir, --host, --frame-ms.`);
  }
  return opts;
}

/** Starts the farm for the CLI and keeps it running until a signal. */
export async function runFarmCli(argv: string[]): Promise<void> {
  const farm = await startFarm(parseArgs(argv));
  process.stdout.write(`${JSON.stringify({
    url: farm.url, domain: farm.domain, accessId: farm.accessId, accessKey: farm.accessKey, userId: farm.userId, dir: farm.dir,
  })}\n`);
  const stop = (): void => {
    void farm.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const invokedDirectly = process.argv[1] !== undefined && /farm[\\/]main\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  runFarmCli(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`farm: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
