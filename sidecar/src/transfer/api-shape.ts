/**
 * The slice of `RayvisionAPI` (sidecar/src/api) that upload and submit use, typed structurally so
 * this layer depends on the agreed method names (shared-agreements.md), not the client's internals.
 */
import { TransferError } from './errors';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface UploadApi {
  /** snake_case keys after login: user_id, input_bid, config_bid, output_bid, platform, domain … */
  userInfo: Record<string, unknown>;
  user: {
    queryUserProfile(options?: CallOptions): Promise<unknown>;
    getTransferBid(options?: CallOptions): Promise<unknown>;
  };
  transmit: {
    getTransferConfig(options?: CallOptions): Promise<unknown>;
  };
}

/** A required user_info value as a string, or a clear error naming the missing key. */
export function infoString(api: Pick<UploadApi, 'userInfo'>, key: string): string {
  const v = api.userInfo[key];
  if (v === undefined || v === null || v === '') {
    throw new TransferError('ERR_NOT_LOGGED_IN', `api.userInfo.${key} is missing; log in first (await api.login() or RayvisionAPI.connect()).`, { details: { key } });
  }
  return String(v);
}
