// The monitor page: one WebSocket to the sidecar speaking its JSON-RPC protocol (the same one the
// plugins and the CLI speak). No polling here: the sidecar pushes job events (job/watch) and farm
// snapshots (monitor/watch); the page only calls methods when the user acts or needs a thumbnail/log.
const $ = (id) => document.getElementById(id);

const TASK_STATUS = {
  0: ['Waiting', 's-run'], 5: ['Rendering', 's-run'], 8: ['Preparing', 's-run'], 10: ['Stopped', 's-stop'], 15: ['Stopped', 's-stop'],
  20: ['Stopped (arrears)', 's-stop'], 23: ['Timed out', 's-fail'], 25: ['Done', 's-done'], 30: ['Done, some failed', 's-fail'],
  35: ['Abandoned', 's-stop'], 40: ['Test frames done', 's-stop'], 45: ['Failed', 's-fail'], 50: ['Analysing', 's-run'], 100: ['Updating', 's-run'],
};
const FILTERS = {
  all: () => true,
  active: (t) => [0, 5, 8, 50, 100].includes(t.taskStatus),
  stopped: (t) => [10, 15, 20, 23, 40].includes(t.taskStatus),
  done: (t) => t.taskStatus === 25,
  failures: (t) => (t.failedFrames ?? 0) > 0 || t.taskStatus === 30,
  failed: (t) => [35, 45].includes(t.taskStatus),
};
const FRAME_STATUS = { 1: 'waiting', 2: 'rendering', 3: 'stopped', 4: 'done', 5: 'failed', 8: 'waiting (priority first)', 11: 'timed out' };
const STOPPABLE = [0, 5, 8, 40];
const RESUMABLE = [10, 15];

const state = {
  tasks: [], frames: new Map(), local: [], account: null, session: null,
  jobs: new Map(), selected: null, frameId: null, thumbs: new Map(), filter: 'all', search: '',
};

// ---- a small JSON-RPC client -------------------------------------------------------------
let ws;
let nextId = 1;
const pending = new Map();

function call(method, params = {}) {
  return new Promise((resolve, reject) => {
    if (!ws || ws.readyState !== WebSocket.OPEN) return reject(new Error('Not connected to the sidecar.'));
    const id = nextId++;
    pending.set(id, { resolve, reject });
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  });
}

function connect(attempt = 0) {
  ws = new WebSocket(`ws://${location.host}/`);
  let opened = false;
  ws.onopen = async () => {
    opened = true;
    $('link').className = 'dot on';
    $('link').title = 'connected';
    try {
      await call('session/initialize', { protocolVersion: '1.1', client: { name: 'rayvision-monitor' } });
      for (const job of (await call('job/watch')).jobs) state.jobs.set(job.jobId, { info: job });
      await watchFarm();
    } catch (err) {
      toast(err.message, true);
    }
  };
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    if (msg.id !== undefined && pending.has(msg.id)) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code, data: msg.error.data }));
      else p.resolve(msg.result);
    } else if (msg.method) onNotification(msg.method, msg.params ?? {});
  };
  ws.onclose = () => {
    for (const p of pending.values()) p.reject(new Error('The connection to the sidecar closed.'));
    pending.clear();
    $('link').className = 'dot off';
    // A sidecar restart forgets this page's session: after a few tries, say how to get back.
    if (attempt >= 3 || !opened && attempt >= 1) {
      $('link').title = 'disconnected';
      toast('Lost the sidecar. Open the monitor again with `rayvision monitor` (or the Tasks shelf tool).', true);
      return;
    }
    setTimeout(() => connect(opened ? 0 : attempt + 1), 1500);
  };
}

const watchFarm = () => call('monitor/watch', { taskIds: state.selected ? [state.selected] : [] });

// ---- events pushed by the sidecar -----------------------------------------------------------
function onNotification(method, p) {
  if (method === 'monitor/snapshot') {
    if (p.session !== undefined) state.session = p.session;
    if (p.account !== undefined) state.account = p.account;
    if (p.tasks !== undefined) state.tasks = p.tasks;
    if (p.local !== undefined) state.local = p.local;
    if (p.frames !== undefined) for (const f of p.frames) state.frames.set(f.taskId, f.items);
    if (p.error !== undefined && p.error) toast(`The farm did not answer: ${p.error}`, true);
    render();
  } else if (method === 'job/started') {
    state.jobs.set(p.job.jobId, { info: p.job });
    renderLocal();
  } else if (method === 'job/progress' || method === 'job/end') {
    const job = state.jobs.get(p.jobId) ?? { info: { jobId: p.jobId, method: '?', state: 'running' } };
    if (p.progress) {
      job.info.progress = p.progress;
      if (p.progress.taskId !== undefined && !(job.info.taskIds ?? []).includes(p.progress.taskId)) job.info.taskIds = [...(job.info.taskIds ?? []), p.progress.taskId];
    }
    if (method === 'job/end') job.end = p;
    state.jobs.set(p.jobId, job);
    renderLocal();
  }
}

// ---- rendering ------------------------------------------------------------------------------
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'style') e.style.cssText = v; // CSSOM: allowed by the page's CSP, unlike a style attribute
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}
const money = (n) => (n === undefined ? '—' : n.toFixed(2));
const pad = (n) => String(n).padStart(2, '0');
const when = (ms) => {
  if (!ms) return '—';
  const d = new Date(ms);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const statusOf = (s) => TASK_STATUS[s] ?? [`Status ${s}`, ''];
const pct = (t) => (t.totalFrames ? Math.round(((t.doneFrames ?? 0) / t.totalFrames) * 100) : 0);

function render() {
  const a = state.account;
  const cur = a?.currency === 'USD' ? '$' : '¥';
  $('account').replaceChildren(...(a ? [a.userName, ' · balance ', el('b', {}, a.balance === undefined ? 'hidden' : `${cur}${money(a.balance)}`)] : []));
  const s = state.session;
  $('farm').textContent = s ? (s.loggedIn ? `${s.farm ?? ''} farm ${s.domain ?? ''}` : 'not logged in: submit from a plugin or run `rayvision tasks --local`') : '';
  renderList();
  renderDetail();
}

function renderList() {
  const q = state.search.trim().toLowerCase();
  const rows = state.tasks.filter(FILTERS[state.filter]).filter((t) => !q || `${t.id} ${t.taskAlias ?? ''} ${t.sceneName ?? ''}`.toLowerCase().includes(q));
  $('count').textContent = `${rows.length} of ${state.tasks.length}`;
  $('tasks').replaceChildren(...rows.map((t) => {
    const [label, cls] = statusOf(t.taskStatus);
    return el('tr', { 'data-task': t.id, class: t.id === state.selected ? 'sel' : '', onclick: () => select(t.id) },
      el('td', {}, String(t.id)), el('td', { title: t.sceneName ?? '' }, t.sceneName ?? ''),
      el('td', {}, el('span', { class: `badge ${cls}` }, label)),
      el('td', {}, el('span', { class: 'bar' }, el('i', { class: t.failedFrames ? 'fail' : '', style: `width:${pct(t)}%` })), ` ${pct(t)}%`),
      el('td', { class: 'frames' }, `${t.doneFrames ?? 0}/${t.totalFrames ?? 0}${t.failedFrames ? ` (${t.failedFrames} failed)` : ''}`),
      el('td', {}, money(t.renderConsume)), el('td', {}, when(t.submitDate)));
  }));
  const empty = state.tasks.length === 0 ? (state.session?.loggedIn ? 'No tasks yet: submit one and it appears here.' : 'Not logged in.') : rows.length === 0 ? 'No task matches.' : '';
  $('empty').hidden = !empty;
  $('empty').textContent = empty;
}

function select(id) {
  state.selected = id;
  state.frameId = null;
  history.replaceState(null, '', `#task=${id}`);
  render();
  watchFarm().catch((err) => toast(err.message, true));
}

const cells = new Map();
function renderDetail() {
  const t = state.tasks.find((x) => x.id === state.selected);
  $('detail').hidden = !t;
  if (!t) return;
  const [label, cls] = statusOf(t.taskStatus);
  $('d-title').textContent = `${t.id} · ${t.sceneName ?? ''}`;
  $('d-status').textContent = label;
  $('d-status').className = `badge ${cls}`;
  $('a-stop').disabled = !STOPPABLE.includes(t.taskStatus);
  $('a-start').disabled = !RESUMABLE.includes(t.taskStatus);
  $('a-retry').disabled = !(t.failedFrames > 0);
  $('a-folder').disabled = !localOf(t.id);
  const frames = state.frames.get(t.id) ?? [];
  $('legend').replaceChildren(...[[1, 'waiting'], [2, 'rendering'], [4, 'done'], [5, 'failed'], [3, 'stopped']].map(([s, n]) =>
    el('span', {}, el('i', { class: `cell f${s}`, style: 'display:inline-block;width:10px;height:10px;aspect-ratio:auto;animation:none;border:0' }), `${n} ${frames.filter((f) => f.frameStatus === s).length}`)));
  const grid = $('grid');
  const keep = new Set(frames.map((f) => f.id));
  for (const [id, c] of cells) if (!keep.has(id) || c.parentNode !== grid) cells.delete(id);
  grid.replaceChildren(...frames.map((f) => {
    let c = cells.get(f.id);
    if (!c) {
      c = el('div', { class: 'cell', 'data-frame': f.id, onclick: () => openFrame(f.id) }, el('span', {}, f.frameIndex));
      cells.set(f.id, c);
    }
    c.className = `cell f${f.frameStatus}${f.id === state.frameId ? ' sel' : ''}`;
    c.dataset.status = String(f.frameStatus);
    c.title = `frame ${f.frameIndex}: ${FRAME_STATUS[f.frameStatus] ?? f.frameStatus}${f.feeAmount ? ` · ${money(f.feeAmount)}` : ''}`;
    if (f.frameStatus === 4) showThumb(c, f.id);
    else c.querySelector('img')?.remove();
    return c;
  }));
  const sel = frames.find((f) => f.id === state.frameId);
  $('frame').hidden = !sel;
  if (sel) {
    $('f-title').textContent = `Frame ${sel.frameIndex} · ${FRAME_STATUS[sel.frameStatus] ?? sel.frameStatus}`;
    $('f-retry').disabled = ![5, 11, 3].includes(sel.frameStatus);
  }
  renderLocal();
}

// Thumbnails: asked once per finished frame, four at a time.
const thumbQueue = [];
let thumbsRunning = 0;
function showThumb(cell, frameId) {
  const known = state.thumbs.get(frameId);
  if (typeof known === 'string' && known.startsWith('data:')) {
    if (!cell.querySelector('img')) cell.prepend(el('img', { src: known, alt: '' }));
    return;
  }
  if (known) return;
  state.thumbs.set(frameId, 'pending');
  thumbQueue.push(frameId);
  pumpThumbs();
}
function pumpThumbs() {
  while (thumbsRunning < 4 && thumbQueue.length > 0) {
    const id = thumbQueue.shift();
    thumbsRunning += 1;
    call('task/thumbnail', { frameId: id })
      .then((r) => state.thumbs.set(id, r.available ? `data:${r.mimeType};base64,${r.data}` : undefined))
      .catch(() => state.thumbs.delete(id))
      .finally(() => {
        thumbsRunning -= 1;
        const c = cells.get(id);
        if (c && state.thumbs.has(id)) showThumb(c, id);
        pumpThumbs();
      });
  }
}

async function openFrame(frameId) {
  state.frameId = frameId;
  renderDetail();
  $('f-log').textContent = 'Loading the render log…';
  try {
    const { lines } = await call('task/log', { frameId });
    if (state.frameId === frameId) $('f-log').textContent = lines.length ? lines.join('\n') : 'The farm has no log for this frame yet.';
  } catch (err) {
    $('f-log').textContent = `No log: ${err.message}`;
  }
}

const localOf = (taskId) => state.local.find((l) => l.taskId === taskId);
function renderLocal() {
  const id = state.selected;
  if (!id) return;
  const jobs = [...state.jobs.values()].filter((j) => (j.info.taskIds ?? []).includes(id));
  $('jobs').replaceChildren(...(jobs.length ? jobs.slice(-6).map(jobLine) : [el('div', { class: 'muted' }, 'No upload or download of this task in this sidecar.')]));
  const l = localOf(id);
  $('landed').replaceChildren(...(l ? [el('div', {}, `${l.files} file(s) in ${l.folder}`), ...l.recent.slice(-5).map((f) => el('div', {}, f))] : []));
  $('a-folder').disabled = !l;
}
function jobLine(j) {
  const p = j.info.progress ?? {};
  // The counter with a total draws the bar; without one (an auto download that waits for frames) the count says it.
  const [c, unit] = [[p.bytes, 'bytes'], [p.frames, 'frames'], [p.files, 'files']].find(([x]) => x?.total) ?? [p.files ?? p.frames, p.files ? 'files' : 'frames'];
  const share = c?.total ? Math.min(100, Math.round((c.transferred / c.total) * 100)) : 0;
  const what = { 'transfer/upload': 'Upload', 'download/start': 'Download', 'submit/scene': 'Submit' }[j.info.method] ?? j.info.method;
  const end = j.end ? (j.end.ok ? 'done' : `failed: ${j.end.error?.message ?? ''}`) : p.stage ?? 'running';
  const count = c ? ` · ${c.transferred}${c.total ? `/${c.total}` : ''} ${unit}` : '';
  return el('div', { class: 'job' }, el('b', {}, what), el('span', { class: 'bar' }, el('i', { style: `width:${j.end?.ok ? 100 : share}%` })),
    el('span', { class: 'muted' }, `${end}${count}`));
}

// ---- actions --------------------------------------------------------------------------------
let toastTimer;
function toast(text, error = false) {
  const t = $('toast');
  t.textContent = text;
  t.className = error ? 'error' : '';
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), error ? 8000 : 3000);
}

async function act(label, method, params) {
  try {
    await call(method, params);
    toast(`${label}: sent`);
  } catch (err) {
    toast(`${label} refused: ${err.message}`, true);
  }
  watchFarm().catch(() => {});
}

function downloadFolder(t) {
  // Download where this task's frames landed before (its folder minus the task's own output folder).
  const l = localOf(t.id);
  if (!l || !t.outputFileName) return {};
  const i = l.folder.lastIndexOf(t.outputFileName);
  return i > 1 ? { localPath: l.folder.slice(0, i - 1) } : {};
}

$('a-stop').onclick = () => act('Stop', 'task/stop', { taskIds: [state.selected] });
$('a-start').onclick = () => act('Resume', 'task/start', { taskIds: [state.selected] });
$('a-retry').onclick = () => act('Retry failed frames', 'task/retry', { taskId: state.selected });
$('f-retry').onclick = () => act('Retry frame', 'task/retry', { taskId: state.selected, frameIds: [state.frameId] });
$('a-download').onclick = () => {
  const t = state.tasks.find((x) => x.id === state.selected);
  if (t) act('Download', 'download/start', { mode: 'once', taskIds: [t.id], ...downloadFolder(t) });
};
$('a-folder').onclick = async () => {
  try {
    toast(`Opened ${(await call('monitor/openFolder', { taskId: state.selected })).path}`);
  } catch (err) {
    toast(`Open folder refused: ${err.message}`, true);
  }
};
$('search').oninput = (e) => { state.search = e.target.value; renderList(); };
$('filter').onchange = (e) => { state.filter = e.target.value; renderList(); };

const fromHash = /task=(\d+)/.exec(location.hash);
if (fromHash) state.selected = Number(fromHash[1]);
connect();
