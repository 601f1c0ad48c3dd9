/**
 * The uploading process of bench/scale.bench.ts: logs in to the farm named in argv (JSON), uploads
 * the assets of one upload.json with the SDK (record DB on, as the sidecar does), then plans the same
 * upload again (every file unchanged), and prints one JSON line: both times and its own peak RSS.
 */
import { RayvisionAPI } from '../sidecar/src/api';
import { RayvisionUpload } from '../sidecar/src/transfer/upload';

const args = JSON.parse(process.argv[2] ?? '{}') as { domain: string; accessId: string; accessKey: string; uploadJson: string };
const api = await RayvisionAPI.connect({ domain: args.domain, protocol: 'http', platform: '2', accessId: args.accessId, accessKey: args.accessKey });
const up = new RayvisionUpload({ api });
let t = performance.now();
const first = await up.uploadAsset(args.uploadJson);
const uploadS = (performance.now() - t) / 1000;
t = performance.now();
const again = await up.uploadAsset(args.uploadJson);
const replanS = (performance.now() - t) / 1000;
api.close();
// maxRSS is the peak of this process's whole life, in KiB.
process.stdout.write(`${JSON.stringify({ first, again, uploadS, replanS, peakRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
