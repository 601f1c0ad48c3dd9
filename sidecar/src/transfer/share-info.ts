/**
 * Whose input storage assets go to (spec/transfer.md §1.4): the user's own `input_bid`/`user_id`,
 * or, for a sub-account with `shareMainCapital` set, the main account's `parent_input_bid` and
 * `mainUserId`. Difference: a `null` shareMainCapital means "not sharing" (Python took the sharing
 * branch for null and then fell back field by field).
 */
import { infoString, type UploadApi } from './api-shape';

export interface StorageOwner {
  storageId: string;
  userId: string;
  shared: boolean;
}

/** Ask the farm (queryUserProfile, and getBid when sharing) who owns the input storage. */
export async function getShareInfo(api: UploadApi, signal?: AbortSignal): Promise<StorageOwner> {
  const own: StorageOwner = { storageId: infoString(api, 'input_bid'), userId: infoString(api, 'user_id'), shared: false };
  const profile = ((await api.user.queryUserProfile(signal ? { signal } : {})) ?? {}) as { shareMainCapital?: unknown; mainUserId?: unknown };
  const share = profile.shareMainCapital;
  if (share === undefined || share === null || Number(share) === 0) return own;
  const bid = ((await api.user.getTransferBid(signal ? { signal } : {})) ?? {}) as { parent_input_bid?: unknown; parentInputBid?: unknown };
  const parent = bid.parent_input_bid ?? bid.parentInputBid;
  return {
    storageId: parent ? String(parent) : own.storageId,
    userId: profile.mainUserId ? String(profile.mainUserId) : own.userId,
    shared: true,
  };
}
