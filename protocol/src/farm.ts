/**
 * The local farm: an in-process server speaking the real REST and storage protocols, for offline
 * work, tests and the demo. `session/login` with `farm: "local"` starts one when none runs.
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod } from './define';
import { ErrorCodes } from './errors';
import { NoParams, Ok } from './common';

export const FarmInfo = z.object({
  url: z.string(),
  /** "127.0.0.1:<port>": what a client logs in with. */
  domain: z.string(),
  accessId: z.string(),
  userId: z.number().or(z.string()),
  storageDir: z.string(),
});

/**
 * `farm/start`: start (or return) the sidecar's in-process local farm.
 * @since 1.0
 */
export const start = defineMethod({
  method: 'farm/start',
  params: z.object({
    /** Port to listen on; 0 (default) picks a free one. */
    port: z.number().int().min(0).max(65535).default(0),
    /** Folder for the farm's data; `<sdk home>/local-farm` when omitted (a restarted sidecar re-opens it). */
    dir: z.string().optional(),
    frameDurationMs: z.number().int().nonnegative().optional(),
  }),
  result: FarmInfo,
  errors: [ErrorCodes.Unsupported],
  summary: 'Start the in-process local farm (or return the running one).',
  since: '1.0',
});

/**
 * `farm/stop`: stop the in-process local farm (logs out when the session used it).
 * @since 1.0
 */
export const stop = defineMethod({
  method: 'farm/stop',
  params: NoParams,
  result: Ok,
  summary: 'Stop the in-process local farm.',
  since: '1.0',
});

export const farmMethods = [start, stop] as const;
