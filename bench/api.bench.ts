/**
 * REST client costs, as ratios against baselines measured in the same run:
 * 1. signing (flatten, sort, Python formatting, HMAC) vs the bare HMAC of the same text;
 * 2. a full `api.query.taskInfo` call vs a bare axios POST of a pre-signed request, on the local farm;
 * 3. a call over a pooled keep-alive connection vs a fresh connection (how non-idempotent calls go).
 */
import axios from 'axios';
import { buildRequest, hmacBase64, RayvisionAPI, stringToSign, unixSeconds } from '../sidecar/src/api';
import { startFarm } from '../sidecar/src/farm';

function timeIt(label: string, n: number, fn: () => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) fn();
  const ns = Number(process.hrtime.bigint() - start) / n;
  console.log(`${label.padEnd(44)} ${(ns / 1000).toFixed(2).padStart(9)} µs/op`);
  return ns;
}

async function timeAsync(label: string, n: number, fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) await fn();
  const ns = Number(process.hrtime.bigint() - start) / n;
  console.log(`${label.padEnd(44)} ${(ns / 1e6).toFixed(3).padStart(9)} ms/op`);
  return ns;
}

const body = {
  count: 1, taskUserLevel: 50, labels: ['Zoë', 'b'], artist: 'me',
  renderEnvs: [{ envId: 1, pluginIds: [2, 3, 4] }, { envId: 3, pluginIds: [7, 8, 10] }],
  ids: Array.from({ length: 50 }, (_, i) => i), meta: { a: { b: 'c' }, Z: 'upper' },
};
const key = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const target = { domain: 'task.renderbus.com', path: '/api/render/submit/createTask', platform: 2 };
const text = stringToSign({ headers: { accessId: 'AKID', channel: '4', platform: '2', UTCTimestamp: '1700000200', nonce: '100000', version: '2.0.0' }, body, domain: target.domain, path: target.path });

console.log('-- signing (body with 70 leaves)');
const hmac = timeIt('baseline: bare HMAC-SHA256 of the text', 20000, () => hmacBase64(key, text));
const built = timeIt('buildRequest (sign + wire JSON)', 20000, () => buildRequest(target, body, { accessId: 'AKID', accessKey: key }, 1700000200, 100000));
console.log(`ratio buildRequest / bare HMAC: ${(built / hmac).toFixed(1)}x`);

const farm = await startFarm();
const api = await RayvisionAPI.connect({ domain: farm.domain, protocol: 'http', platform: 2, accessId: farm.accessId, accessKey: farm.accessKey });
const taskId = (await api.task.createTask()).taskIdList[0];
const N = 300;
try {
  console.log(`-- local farm, ${N} sequential calls each`);
  const presigned = buildRequest({ domain: farm.domain, path: '/api/render/handle/queryTaskInfo/v2', platform: 2, protocol: 'http' }, { taskIds: [taskId] }, { accessId: farm.accessId, accessKey: farm.accessKey }, unixSeconds(), 123456);
  const raw = axios.create({ httpAgent: new (await import('node:http')).Agent({ keepAlive: true }) });
  await raw.post(presigned.url, presigned.body, { headers: presigned.headers });
  await api.query.taskInfo([taskId]);
  // Interleave rounds so machine noise hits baseline and subject alike.
  const rounds = async (a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> => {
    let ta = 0;
    let tb = 0;
    for (let r = 0; r < 6; r += 1) {
      ta += await timeAsync(`  round ${r + 1} baseline`, N / 6, a);
      tb += await timeAsync(`  round ${r + 1} subject`, N / 6, b);
    }
    return [ta / 6, tb / 6];
  };
  const path = '/api/render/handle/queryTaskInfo/v2';
  console.log('baseline: bare axios POST, pre-signed; subject: api.query.taskInfo (validate, sign, map)');
  const [bare, full] = await rounds(() => raw.post(presigned.url, presigned.body, { headers: presigned.headers }), () => api.query.taskInfo([taskId]));
  console.log(`ratio api call / bare POST: ${(full / bare).toFixed(2)}x (${(bare / 1e6).toFixed(2)} vs ${(full / 1e6).toFixed(2)} ms)`);
  console.log('baseline: api.post on a keep-alive connection; subject: api.post on a fresh connection (non-idempotent rows)');
  const [pooled, fresh] = await rounds(
    () => api.post(path, { taskIds: [taskId] }, { idempotent: true }),
    () => api.post(path, { taskIds: [taskId] }, { idempotent: false }),
  );
  console.log(`ratio fresh / keep-alive connection: ${(fresh / pooled).toFixed(2)}x (${(pooled / 1e6).toFixed(2)} vs ${(fresh / 1e6).toFixed(2)} ms)`);
} finally {
  api.close();
  await farm.close();
}
