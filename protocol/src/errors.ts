/**
 * The error objects on the wire: `error.data` of SDK errors and the JSON-RPC error shape. The codes
 * and what they mean are in error-codes.ts (re-exported here).
 * @since 1.0
 */
import { z } from 'zod';

export { ErrorCodes, type ErrorCode } from './error-codes';

/** `error.data` of an `SdkError` / `Aborted` answer (and of `job/end.error`). */
export const SdkErrorData = z.object({
  /** The SDK's stable error code string, e.g. `ERR_SIGNATURE`. */
  code: z.string(),
  /** The farm's numeric code when the error carries one (spec/api.md §8, spec/transfer.md §6). */
  farmCode: z.number().optional(),
  /** Non-secret facts: file, field, taskId … */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type SdkErrorData = z.infer<typeof SdkErrorData>;

/** A JSON-RPC error object, as sent in answers and in `job/end`. */
export const RpcError = z.object({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
});
export type RpcError = z.infer<typeof RpcError>;
