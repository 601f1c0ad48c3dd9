/**
 * Child process for the kill-mid-file test: logs in to a local farm and downloads one task once.
 * argv: <domain> <accessId> <taskId> <localPath> <maxSpeedKBps>; the access key comes on stdin
 * so it never shows in a process list.
 */
import { RayvisionAPI } from '../../../sidecar/src/api';
import { RayvisionDownload } from '../../../sidecar/src/transfer/download';

const [domain, accessId, taskId, localPath, maxSpeed] = process.argv.slice(2);
let accessKey = '';
for await (const chunk of process.stdin) accessKey += String(chunk);
const api = await RayvisionAPI.connect({ domain, protocol: 'http', platform: '2', accessId, accessKey: accessKey.trim(), timeout: 10 });
const dl = new RayvisionDownload(api, { http: { concurrency: 1 } });
const report = await dl.download({ taskIds: [Number(taskId)], localPath, maxSpeed });
process.stdout.write(`done ${report.files.length} ${report.bytes}\n`);
api.close();
