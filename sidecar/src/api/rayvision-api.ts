/**
 * The `RayvisionAPI` facade (spec/api.md §4): configuration, the six endpoint groups, login and the
 * few flows above single endpoints. The access key lives only in the signer's closure: never in a
 * field, a log line or an error.
 */
import type http from 'node:http';
import type https from 'node:https';
import { inspect } from 'node:util';
import { checkApiOptions } from './check-options';
import { resolveDomain } from './domains';
import { ENDPOINTS } from './endpoints';
import { RayvisionCredentialsError, RayvisionError, RayvisionTaskIdError } from './errors';
import { frameNumberToStop, getAllFrames, getCustomeFrames, getSmallTaskId, requireTaskId, type FrameQueries } from './frames';
import { silentLogger, type ApiLogger } from './logger';
import { makeGroup } from './methods';
import type { EnvOperator, QueryOperator, TagOperator, TaskOperator, TransmitOperator, UserOperator } from './operators';
import { DEFAULT_API_RETRY, type ApiRetryPolicy } from './retry';
import { Transport, type CallOptions } from './send';
import { keySigner } from './sign';
import { baseUserInfo, buildUserInfo, type UserInfo } from './user-info';

export interface RayvisionAPIOptions {
  /** 'China' (task.renderbus.com, default), 'Foreign' (jop.foxrenderfarm.com) or a host[:port]. */
  domain?: string;
  /** Platform id, sent as a string header (default "4", as the SDK). */
  platform?: string | number;
  /** Falls back to env RAYVISION_API_ACCESS_ID. */
  accessId?: string;
  /** Falls back to env RAYVISION_API_KEY. Kept in a closure, never stored in a field. */
  accessKey?: string;
  protocol?: 'https' | 'http';
  /** Per-request timeout in seconds (default 60). */
  timeout?: number;
  logger?: ApiLogger;
  retry?: Partial<ApiRetryPolicy>;
  /** Extra headers, signed like the base set (the SDK's `Connect(headers=…)`). */
  headers?: Record<string, string>;
  httpAgent?: http.Agent;
  httpsAgent?: https.Agent;
}

export class RayvisionAPI {
  readonly domain: string;
  readonly platform: string;
  readonly protocol: 'https' | 'http';
  readonly accessId: string;
  readonly logger: ApiLogger;
  readonly user: UserOperator;
  readonly task: TaskOperator;
  readonly query: QueryOperator;
  readonly tag: TagOperator;
  readonly env: EnvOperator;
  readonly transmit: TransmitOperator;
  userInfo: UserInfo;
  readonly #transport: Transport;
  #pendingTaskId: number | undefined;

  /** Checks the options and builds the client; sends nothing (call `login()` or use `connect`). */
  constructor(options: RayvisionAPIOptions = {}) {
    const accessId = (options.accessId ?? process.env.RAYVISION_API_ACCESS_ID ?? '').trim();
    const accessKey = options.accessKey ?? process.env.RAYVISION_API_KEY ?? '';
    if (!accessId) throw new RayvisionCredentialsError('No access id: pass accessId or set RAYVISION_API_ACCESS_ID (developer center of Renderbus / Fox Renderfarm).');
    if (!accessKey.trim()) throw new RayvisionCredentialsError('No access key: pass accessKey or set RAYVISION_API_KEY (developer center of Renderbus / Fox Renderfarm).');
    this.domain = resolveDomain(options.domain);
    checkApiOptions(options, this.domain);
    this.platform = String(options.platform ?? '4').trim();
    this.protocol = options.protocol ?? 'https';
    this.accessId = accessId;
    this.logger = options.logger ?? silentLogger;
    this.#transport = new Transport({
      domain: this.domain,
      platform: this.platform,
      protocol: this.protocol,
      accessId,
      signer: keySigner(accessKey),
      timeout: options.timeout ?? 60,
      retry: { ...DEFAULT_API_RETRY, ...options.retry },
      logger: this.logger,
      headers: options.headers,
      httpAgent: options.httpAgent,
      httpsAgent: options.httpsAgent,
    });
    const group = <G>(name: Parameters<typeof makeGroup>[1]) => makeGroup(ENDPOINTS, name, this.#transport) as unknown as G;
    this.user = group<UserOperator>('user');
    this.transmit = group<TransmitOperator>('transmit');
    this.tag = group<TagOperator>('tag');
    this.env = group<EnvOperator>('env');
    this.query = this.withFrameHelpers(group<QueryOperator>('query'));
    this.task = this.withTaskId(group<TaskOperator>('task'));
    this.userInfo = baseUserInfo(this.domain, this.platform);
  }

  /** Builds a client and logs in (the Python constructor's behaviour). */
  static async connect(options: RayvisionAPIOptions = {}, call: CallOptions = {}): Promise<RayvisionAPI> {
    const api = new RayvisionAPI(options);
    try {
      await api.login(call);
    } catch (error) {
      api.close();
      throw error;
    }
    return api;
  }

  /** Requests sent so far (attempts, retries included). */
  get requestCount(): number {
    return this.#transport.requestCount;
  }

  /** Reads profile, setting and storage bids, and builds `userInfo` from them. */
  async login(call: CallOptions = {}): Promise<UserInfo> {
    const profile = await this.user.queryUserProfile(call);
    const setting = await this.user.queryUserSetting(call);
    const bid = await this.user.getTransferBid(call);
    this.userInfo = buildUserInfo(baseUserInfo(this.domain, this.platform), profile, setting, bid);
    return this.userInfo;
  }

  /** The numeric user id, read from the profile. */
  async getUserId(call: CallOptions = {}): Promise<number> {
    const profile = await this.user.queryUserProfile(call);
    const id = Number(profile?.userId);
    if (!Number.isSafeInteger(id) || id <= 0) throw new RayvisionError(1000000, 'Failed to get the user number: the farm profile has no userId; check the account.');
    return id;
  }

  /** The project id of `projectName` as a string, adding the project when it does not exist yet. */
  async checkAndAddProjectName(projectName: string, call: CallOptions = {}): Promise<string> {
    const find = async () => (await this.tag.getList(2, call))?.projectNameList?.find((p) => p.projectName === projectName);
    let found = await find();
    if (!found) {
      await this.tag.addLabel(projectName, 0, call);
      found = await find();
    }
    if (!found) throw new RayvisionError(1000000, `The farm did not list project "${projectName}" after adding it: check the project name and try again.`, { code: 'ERR_PROJECT' });
    return String(found.projectId);
  }

  /** Submits a task whose files are uploaded; `taskId` must be an integer. */
  async submit(taskId: number, producer?: string | null, call: CallOptions = {}): Promise<true> {
    if (typeof taskId !== 'number' || !Number.isSafeInteger(taskId) || taskId <= 0) throw new RayvisionTaskIdError(taskId);
    await this.task.submitTask(taskId, producer, call);
    return true;
  }

  /**
   * Uploads a job file's content through the API and submits its task (the SDK's broken
   * `submit_by_data`, fixed). Run RayvisionCheck first: the api layer does not check scenes.
   */
  async submitByData(taskData: { task_info?: { task_id?: unknown } }, fileName: 'task.json' | 'upload.json' | 'asset.json' | 'tips.json' = 'task.json', producer?: string | null, call: CallOptions = {}): Promise<number> {
    const raw = taskData?.task_info?.task_id;
    const taskId = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof taskId !== 'number' || !Number.isSafeInteger(taskId) || taskId <= 0) throw new RayvisionTaskIdError(raw);
    await this.transmit.uploadJsonContent(taskId, JSON.stringify(taskData), fileName, call);
    await this.submit(taskId, producer, call);
    return taskId;
  }

  /**
   * A signed POST to any path (the SDK's `connect.post`), for endpoints not in the table. Nothing is
   * validated; it is treated as non-idempotent unless `idempotent: true` is passed.
   */
  async post<T = unknown>(path: string, body: Record<string, unknown> = {}, call: CallOptions & { idempotent?: boolean } = {}): Promise<T> {
    const { idempotent = false, ...rest } = call;
    return this.#transport.post<T>({ name: path, path, idempotent }, body, rest);
  }

  /** Closes pooled connections; the client is unusable afterwards. */
  close(): void {
    this.#transport.close();
  }

  private withFrameHelpers(query: QueryOperator): QueryOperator {
    const q = query as unknown as FrameQueries;
    query.getAllFrames = (taskId, startPage, endPage, pageSize, opts) => getAllFrames(q, taskId, startPage, endPage, pageSize, opts);
    query.getCustomeFrames = (taskId, frames, opts) => getCustomeFrames(q, requireTaskId(taskId), frames, opts);
    query.getCustomFrames = query.getCustomeFrames;
    query.frameNumberToStop = (taskId, frames, opts) => frameNumberToStop(q, requireTaskId(taskId), frames, opts);
    query.getSmallTaskId = (taskId, opts) => getSmallTaskId(q, taskId, opts);
    return query;
  }

  // The SDK's `task.task_id`: one created id is reused until it is submitted.
  private withTaskId(task: TaskOperator): TaskOperator {
    const submitTask = task.submitTask;
    task.submitTask = async (taskId, producer, opts) => {
      const result = await submitTask(taskId, producer, opts);
      if (taskId === this.#pendingTaskId) this.#pendingTaskId = undefined;
      return result;
    };
    task.getTaskId = async (opts) => {
      if (this.#pendingTaskId !== undefined) return this.#pendingTaskId;
      const created = await task.createTask(1, 50, undefined, undefined, undefined, undefined, opts);
      const id = created?.taskIdList?.[0];
      if (typeof id !== 'number') throw new RayvisionError(1000000, 'Failed to create a task number: the farm returned no task id; check the account balance and permissions.');
      this.#pendingTaskId = id;
      return id;
    };
    return task;
  }

  [inspect.custom](): string {
    return `RayvisionAPI { domain: '${this.domain}', platform: '${this.platform}', protocol: '${this.protocol}', accessId: '${this.accessId}' }`;
  }

  toJSON(): Record<string, unknown> {
    return { domain: this.domain, platform: this.platform, protocol: this.protocol, accessId: this.accessId };
  }
}
