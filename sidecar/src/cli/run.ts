/** Runs one CLI action: connect, do the work, print, and exit with a meaningful code. */
import type { FieldNames } from '../../../protocol/src/index';
import { connectSidecar, NoSidecarError } from './connect';
import { ExitCode, exitCodeFor } from './exit-codes';
import { createOutput, type Output } from './output';
import type { SidecarClient } from '../rpc/index';

export interface GlobalFlags {
  json?: boolean;
  quiet?: boolean;
  autoStart?: boolean;
  /** `--profile`, else RAYVISION_PROFILE, else the sidecar's default (`default`). */
  profile?: string;
}

/** The profile a command works for: `--profile`, else RAYVISION_PROFILE, else undefined (= `default`). */
export const profileOf = (flags: { profile?: string }): string | undefined => flags.profile || process.env.RAYVISION_PROFILE || undefined;

/** An outcome the command already printed, with its exit code (e.g. nothing downloaded). */
export class ReportedFailure extends Error {
  constructor(readonly exitCode: number) {
    super('reported');
  }
}

/**
 * Connects to the sidecar, runs `body`, prints errors (once, in the words of `flagNames`: the
 * SDK's and the RPC's field names → this command's flags), and sets process.exitCode.
 */
export async function runAction(
  flags: GlobalFlags,
  body: (client: SidecarClient, out: Output) => Promise<void>,
  flagNames: FieldNames = {},
  /** The stage name for progress that names none (e.g. `upload`). */
  stage?: string,
): Promise<void> {
  const out = createOutput({ json: flags.json, quiet: flags.quiet, stage }, process.stderr, flagNames);
  quiet = out.quiet;
  let client: SidecarClient | undefined;
  try {
    const profile = profileOf(flags);
    client = await connectSidecar({ autoStart: flags.autoStart !== false, ...(profile ? { profile } : {}) });
    const c = client;
    // Ctrl-C cancels the running job in the sidecar, then the job's end makes the command exit. A
    // second Ctrl-C leaves at once, saying the job may still be running (it is not called cancelled).
    let interrupts = 0;
    process.on('SIGINT', () => {
      interrupts += 1;
      if (interrupts === 1) return void cancelRunning(c).catch(() => process.exit(ExitCode.Cancelled));
      out.close();
      process.stderr.write(`\nrayvision: left without waiting; the job${currentJob ? ` ${currentJob}` : ''} may still be stopping (see \`rayvision status\`).\n`);
      process.exit(ExitCode.NotStopped);
    });
    await body(client, out);
    process.exitCode = ExitCode.Ok;
  } catch (err) {
    const reported = err as { reported?: boolean; exitCode?: number };
    if (err instanceof ReportedFailure || reported?.reported) {
      process.exitCode = reported.exitCode ?? ExitCode.Failure;
      return;
    }
    out.error(err);
    process.exitCode = err instanceof NoSidecarError ? ExitCode.NoSidecar : exitCodeFor(err);
  } finally {
    client?.close();
  }
}

let currentJob: string | undefined;
let quiet = false;
let currentClient: SidecarClient | undefined;
/** Remembers the job this command follows (for Ctrl-C), and the client it runs on after a restart. */
export function setCurrentJob(jobId: string, client?: SidecarClient): void {
  currentJob = jobId;
  currentClient = client;
}
/** Says that this command follows an earlier run's job, still running, instead of starting a second one. */
export function sayAttached(jobId: string): void {
  if (!quiet) process.stderr.write(`The same work is still running in the sidecar: attached to job ${jobId} instead of starting a second one.\n`);
}
async function cancelRunning(client: SidecarClient): Promise<void> {
  if (!currentJob) process.exit(ExitCode.Cancelled);
  await (currentClient ?? client).call('job/cancel', { jobId: currentJob });
}
