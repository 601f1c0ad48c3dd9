// A small sidecar stand-in for the Python transport tests: the real `ws` server, the real discovery
// file, JSON-RPC by hand, and jobs whose state survives a restart (kept in <state dir>/jobs.json), so a
// test can kill it mid-job and start it again. Started as `node fake-sidecar.mjs sidecar` (the same
// command line the Python launcher uses for the real bundle). Env: RAYVISION_SDK_HOME (required).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';

const home = process.env.RAYVISION_SDK_HOME;
if (!home) throw new Error('RAYVISION_SDK_HOME must be set');
mkdirSync(home, { recursive: true });
const token = randomBytes(16).toString('hex');
const statePath = join(home, 'fake-jobs.json');
const jobs = existsSync(statePath) ? JSON.parse(readFileSync(statePath, 'utf8')) : {};
const subscribers = new Map(); // jobId -> Set<ws>
const log = (...a) => process.stderr.write(`[fake-sidecar ${process.pid}] ${a.join(' ')}\n`);

const saveJobs = () => {
  writeFileSync(statePath + '.tmp', JSON.stringify(jobs));
  renameSync(statePath + '.tmp', statePath);
};

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  maxPayload: 64 * 1024 * 1024,
  verifyClient: (info, done) => {
    if (info.req.headers.authorization !== `Bearer ${token}`) done(false, 401, 'Unauthorized');
    else done(true);
  },
});

const send = (ws, msg) => ws.readyState === 1 && ws.send(JSON.stringify(msg));
const notifyJob = (jobId, method, params) => {
  for (const ws of subscribers.get(jobId) ?? []) send(ws, { jsonrpc: '2.0', method, params: { jobId, ...params } });
};
const subscribe = (jobId, ws) => {
  if (!subscribers.has(jobId)) subscribers.set(jobId, new Set());
  subscribers.get(jobId).add(ws);
};

// A job "renders" frames one by one; progress is saved after each frame so a restart resumes it.
function runJob(jobId) {
  const job = jobs[jobId];
  const tick = () => {
    if (job.state !== 'running') return;
    if (job.done >= job.frames) {
      job.state = 'succeeded';
      saveJobs();
      notifyJob(jobId, 'job/end', { ok: true, result: job.taskId ? { taskId: job.taskId, workspace: home, paths: job.paths ?? [] } : { frames: job.done } });
      return;
    }
    job.done += 1;
    saveJobs();
    const frame = (job.first ?? 1) + job.done - 1;
    let localPath = join(home, `frame.${String(frame).padStart(4, '0')}.exr`);
    if (job.outDir) {
      localPath = join(job.outDir, `${job.taskId}_shot`, `beauty.${String(frame).padStart(4, '0')}.exr`);
      mkdirSync(join(job.outDir, `${job.taskId}_shot`), { recursive: true });
      writeFileSync(localPath, `frame ${frame}`);
      job.paths = [...(job.paths ?? []), localPath];
    }
    notifyJob(jobId, 'job/progress', { progress: { kind: 'report', stage: 'render', frames: { transferred: job.done, total: job.frames } } });
    notifyJob(jobId, 'download/frame', { taskId: job.taskId ?? 1, frame, localPath });
    setTimeout(tick, job.intervalMs);
  };
  setTimeout(tick, job.intervalMs);
}
for (const id of Object.keys(jobs)) if (jobs[id].state === 'running') runJob(id);

const session = { loggedIn: false, calls: [] };
const handlers = {
  'session/status': () => ({ serverVersion: 'fake', protocolVersion: '1.0', loggedIn: session.loggedIn, clients: wss.clients.size, runningJobs: 0, pid: process.pid }),
  'session/login': (p) => {
    session.calls.push({ method: 'session/login', params: { farm: p.farm } });
    session.loggedIn = true;
    return { farm: p.farm ?? 'remote', domain: 'fake', platform: '2', userInfo: {} };
  },
  'submit/scene': (p, ws) => {
    const { __id, ...params } = p;
    session.calls.push({ method: 'submit/scene', params });
    if (!session.loggedIn) throw Object.assign(new Error('log in first'), { code: -32004 });
    const range = params.facts?.frameRange ?? { start: 1, end: 3 };
    const jobId = `job-${randomBytes(4).toString('hex')}`;
    jobs[jobId] = { state: 'running', frames: range.end - range.start + 1, first: range.start, done: 0, intervalMs: 30,
      outDir: params.download?.localPath, taskId: 1000 + Object.keys(jobs).length };
    saveJobs();
    subscribe(jobId, ws);
    runJob(jobId);
    return { jobId };
  },
  'api/call': (p) => { const { __id, ...params } = p; session.calls.push({ method: 'api/call', params }); return { result: null }; },
  'job/cancel': (p) => {
    const job = jobs[p.jobId];
    if (!job || job.state !== 'running') return { cancelled: false };
    job.state = 'cancelled';
    saveJobs();
    notifyJob(p.jobId, 'job/end', { ok: false, error: { code: -32001, message: 'The operation was cancelled.', data: { code: 'ERR_ABORTED' } } });
    return { cancelled: true };
  },
  'task/list': () => ({ pageCount: 1, pageNum: 1, total: 1, size: 1, items: [{ id: 1000, taskStatusText: 'Done', sceneName: 'shot.project' }] }),
  'test/calls': () => ({ calls: session.calls }),
  'session/initialize': (p) => {
    const major = (v) => String(v ?? '').split('.')[0];
    const mine = process.env.FAKE_PROTOCOL ?? '1.0';
    if (major(p.protocolVersion) !== major(mine)) {
      throw Object.assign(new Error(`protocol ${p.protocolVersion} is not compatible with ${mine}`), { code: -32003 });
    }
    return { protocolVersion: '1.0', serverVersion: 'fake', capabilities: { methods: Object.keys(handlers), localFarm: false, maxMessageBytes: 64 << 20 }, client: p.client };
  },
  'test/echo': (p) => ({ data: p.data }),
  'test/pid': () => ({ pid: process.pid }),
  'test/never': () => new Promise(() => {}),
  'test/slowEcho': (p) => new Promise((resolve) => setTimeout(() => resolve({ data: p.data }), p.delayMs ?? 0)),
  'test/fragmented': (p, ws) => {
    const text = JSON.stringify({ jsonrpc: '2.0', id: p.__id, result: { data: 'x'.repeat(p.size) } });
    const buf = Buffer.from(text);
    for (let i = 0; i < buf.length; i += p.chunk) {
      const last = i + p.chunk >= buf.length;
      ws.send(buf.subarray(i, i + p.chunk), { binary: false, fin: last });
      if (i === 0) ws.ping(Buffer.from('between-fragments'));
    }
    return undefined;
  },
  'test/ping': (p, ws) => new Promise((resolve) => {
    ws.once('pong', (data) => resolve({ pong: data.toString() }));
    ws.ping(Buffer.from(p.payload ?? 'hello'));
  }),
  'test/close': (p, ws) => { setTimeout(() => ws.close(p.code ?? 1001, p.reason ?? 'going away'), 10); return { ok: true }; },
  'test/job': (p, ws) => {
    const jobId = `job-${randomBytes(4).toString('hex')}`;
    jobs[jobId] = { state: 'running', frames: p.frames ?? 5, done: 0, intervalMs: p.intervalMs ?? 50 };
    saveJobs();
    subscribe(jobId, ws);
    runJob(jobId);
    return { jobId };
  },
  'job/subscribe': (p, ws) => {
    const job = jobs[p.jobId];
    if (!job) throw Object.assign(new Error(`no job ${p.jobId}`), { code: -32005 });
    subscribe(p.jobId, ws);
    setTimeout(() => {
      if (job.done > 0) notifyJob(p.jobId, 'job/progress', { progress: { kind: 'report', frames: { transferred: job.done, total: job.frames } } });
      if (job.state !== 'running') notifyJob(p.jobId, 'job/end', { ok: job.state === 'succeeded', result: { frames: job.done } });
    }, 0);
    return { jobId: p.jobId, method: 'test/job', state: job.state, startedAt: new Date().toISOString() };
  },
};

wss.on('connection', (ws) => {
  ws.on('message', async (data) => {
    const msg = JSON.parse(data.toString());
    const handler = handlers[msg.method];
    if (!handler) return send(ws, { jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: `no method ${msg.method}` } });
    try {
      const result = await handler({ ...msg.params, __id: msg.id }, ws);
      if (result !== undefined) send(ws, { jsonrpc: '2.0', id: msg.id, result });
    } catch (e) {
      send(ws, { jsonrpc: '2.0', id: msg.id, error: { code: e.code ?? -32000, message: e.message, data: { code: 'ERR_TEST' } } });
    }
  });
  ws.on('close', () => { for (const set of subscribers.values()) set.delete(ws); });
});

wss.on('listening', () => {
  const { port } = wss.address();
  const file = join(home, 'sidecar.json');
  writeFileSync(file + '.tmp', JSON.stringify({ port, pid: process.pid, token, version: 'fake', protocolVersion: process.env.FAKE_PROTOCOL ?? '1.0' }), { mode: 0o600 });
  renameSync(file + '.tmp', file);
  log('listening on', port);
});
process.on('SIGTERM', () => process.exit(0));
