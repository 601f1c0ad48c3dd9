/**
 * Where downloads land by default: the SDK home (`RAYVISION_SDK_HOME`, else
 * `<USERPROFILE or HOME>/renderfarm_sdk`, spec/transfer.md §4.1).
 */
import path from 'node:path';
import { sdkHome } from '../sdk-home';

/** The local folder for a download: the caller's, or the SDK home. */
export function resolveLocalRoot(localPath?: string | null, localOs?: string): string {
  return path.resolve(localPath && localPath.length > 0 ? localPath : sdkHome(process.env, localOs));
}
