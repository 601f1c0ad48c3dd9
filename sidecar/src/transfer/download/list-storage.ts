/**
 * Lists a folder of the input (asset) storage through the http engine's storage listing
 * (`?op=list`, docs/storage-protocol.md): the REST listing (getOutputUserDirFile) covers only the
 * output storage. Used by `download({ asset: true })`.
 */
import type { StorageClient } from '../engines/http-storage';
import type { ListedFile } from './list-output';

interface ListEntry {
  path: string;
  size: number;
  mtime?: number;
  sha256?: string;
}

/** Files under `folder` (or the one file `folder` names) in storage `bid`, relative to the storage root. */
export async function listStorageFolder(client: StorageClient, bid: string, folder: string, signal?: AbortSignal): Promise<ListedFile[]> {
  const clean = folder.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  const res = await client.request<ListEntry[] | { error?: string }>({ method: 'GET', url: client.url(bid, '/' + clean, { op: 'list' }), signal, responseType: 'json' }, [400]);
  if (res.status === 400) {
    const head = await client.request({ method: 'HEAD', url: client.url(bid, '/' + clean), signal });
    return [{ relative: clean, size: Number(head.headers['content-length'] ?? 0), sha256: head.headers['x-sha256'] as string | undefined }];
  }
  return (res.data as ListEntry[]).map((e) => ({
    relative: `${clean}/${e.path.replace(/^\/+/, '')}`,
    size: e.size,
    mtime: e.mtime === undefined ? undefined : String(e.mtime),
    sha256: e.sha256,
  }));
}
