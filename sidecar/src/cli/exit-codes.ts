/**
 * The CLI's exit codes (docs/sidecar.md): scripts branch on them. Errors answered by the sidecar
 * map by their JSON-RPC code.
 */
import { ErrorCodes } from '../../../protocol/src/error-codes';

export const ExitCode = {
  Ok: 0,
  /** Anything unexpected. */
  Failure: 1,
  /** Bad command line (unknown option, missing argument, params refused, unknown job id). */
  Usage: 2,
  /** Not logged in, or the farm refused the credentials. */
  Auth: 3,
  /** The SDK failed: farm, analysis, check, transfer (message says what to do). */
  Sdk: 4,
  /** Cancelled (Ctrl-C, or job/cancel from elsewhere). */
  Cancelled: 5,
  /** The sidecar could not be reached or started. */
  NoSidecar: 6,
  /** The sidecar speaks an incompatible protocol version. */
  Incompatible: 7,
  /** No such task on the farm account (download, …). */
  NoSuchTask: 8,
  /** A download found nothing to fetch and nothing already here (the task has no output yet). */
  NothingDownloaded: 9,
  /** install-plugins found no Houdini, Maya or Clarisse to install for. */
  NoDccFound: 10,
  /** `cancel`: the job did not stop within the grace period; it is still running. */
  NotStopped: 11,
  /** `doctor`: at least one check failed (each says what to fix). */
  DoctorFailed: 12,
} as const;

/** The exit code for an error thrown by a command. */
export function exitCodeFor(err: unknown): number {
  const code = (err as { code?: unknown })?.code;
  const data = (err as { data?: { code?: string } })?.data;
  switch (code) {
    case ErrorCodes.NotLoggedIn:
      return ExitCode.Auth;
    case ErrorCodes.Aborted:
      return ExitCode.Cancelled;
    case ErrorCodes.IncompatibleProtocol:
      return ExitCode.Incompatible;
    case ErrorCodes.InvalidParams:
    case ErrorCodes.JobNotFound:
      return ExitCode.Usage;
    case ErrorCodes.SdkError:
      if (data?.code === 'ERR_TASK_NOT_FOUND') return ExitCode.NoSuchTask;
      return /AUTH|SIGNATURE|CREDENTIAL|LOGIN/i.test(data?.code ?? '') ? ExitCode.Auth : ExitCode.Sdk;
    case 'commander.invalidArgument':
      return ExitCode.Usage;
    default:
      return ExitCode.Failure;
  }
}
