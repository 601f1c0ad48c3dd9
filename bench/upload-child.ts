/**
 * The uploading process of the upload bench's large-file part: only the SDK, bundled as the sidecar
 * is (esbuild, run by plain node), so the peak RSS it reports (the kernel's VmHWM) is the SDK's and
 * not the bench's own (tsx, the bare PUT's buffers, the small-file and planning parts).
 * argv[2]: JSON { domain, accessId, accessKey, home }. Reads one upload.json path per stdin line and
 * answers `{ "seconds" }` for each upload; at the end of stdin answers `{ "hwmMB" }` and exits.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { RayvisionAPI } from '../sidecar/src/api';
import { RayvisionUpload } from '../sidecar/src/transfer/upload';

const { domain, accessId, accessKey, home } = JSON.parse(process.argv[2]!) as Record<string, string>;
const api = await RayvisionAPI.connect({ domain: domain!, protocol: 'http', platform: '2', accessId: accessId!, accessKey: accessKey! });
const up = new RayvisionUpload({ api, env: { RAYVISION_SDK_HOME: home! } });
await up.engine(); // getConfig before the first timed upload, as a running sidecar has it
console.log(JSON.stringify({ ready: true }));
for await (const job of createInterface({ input: process.stdin })) {
  const t = performance.now();
  await up.uploadAsset(job, undefined, false);
  console.log(JSON.stringify({ seconds: (performance.now() - t) / 1000 }));
}
const hwmMB = Number(/VmHWM:\s*(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
console.log(JSON.stringify({ hwmMB }));
api.close();
