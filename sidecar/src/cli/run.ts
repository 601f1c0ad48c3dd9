/** Runs one CLI action: connect, do the work, print, and exit with a meaningful code. */
import { connectSidecar, NoSidecarError } from './connect';
import { ExitCode, exitCodeFor } from './exit-codes';
import { createOutput, type Output } from './output';
import type { SidecarClient } from '../rpc/index';

export interface GlobalFlags {
  json?: boolean;
  autoStart?: boolean;
}

/** Connects to the sidecar, runs `body`, prints errors, and sets process.exitCode. */
export async function runAction(flags: GlobalFlags, body: (client: SidecarClient, out: Output) => Promise<void>): Promise<void> {
  const out = createOutput(Boolean(flags.json));
  let client: SidecarClient | undefined;
  try {
    client = await connectSidecar({ autoStart: flags.autoStart !== false });
    const c = client;
    // Ctrl-C cancels the running job in the sidecar, then the job's end makes the command exit.
    process.once('SIGINT', () => void cancelRunning(c).catch(() => process.exit(ExitCode.Cancelled)));
    await body(client, out);
    process.exitCode = ExitCode.Ok;
  } catch (err) {
    out.error(err);
    process.exitCode = err instanceof NoSidecarError ? ExitCode.NoSidecar : exitCodeFor(err);
  } finally {
    client?.close();
  }
}

let currentJob: string | undefined;
/** Remembers the job this command follows (for Ctrl-C). */
export function setCurrentJob(jobId: string): void {
  currentJob = jobId;
}
async function cancelRunning(client: SidecarClient): Promise<void> {
  if (!currentJob) process.exit(ExitCode.Cancelled);
  await client.call('job/cancel', { jobId: currentJob });
}
