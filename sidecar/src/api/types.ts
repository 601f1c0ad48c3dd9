/**
 * Response shapes of the farm (spec/api.md §3), in the server's camelCase. Only the fields the
 * spec documents are named; every object may carry more, so each has an index signature.
 */
type Extra = { [key: string]: unknown };

export interface FarmPage<T> extends Extra {
  pageCount: number;
  pageNum: number;
  total: number;
  size: number;
  items: T[];
}

export interface UserProfile extends Extra {
  userId: number;
  userName: string;
  platform?: number;
  zone?: number;
  accountType?: number;
  mainUserId?: number;
}

export interface UserSetting extends Extra {
  taskOverTime?: number;
  taskOverTimeSec?: number;
  downloadDisable?: number;
}

export interface TransferBid extends Extra {
  config_bid: string;
  output_bid: string;
  input_bid: string;
  parent_input_bid?: string;
  sub_user_output_bids?: Array<{ userId: number; outputBid: string }>;
}

export interface HardwareConfig extends Extra {
  id: number;
  type: number;
  model: string;
  ram: string;
  gpuNum: string | null;
  platform: number;
  current?: boolean;
  notSupportCgId?: number[];
  notSupportCode?: string[];
  notSupportPluginList?: string[];
  status: number;
}

export interface CreatedTasks extends Extra {
  taskIdList: number[];
  aliasTaskIdList: string[];
  userId: number;
}

export interface FarmTask extends Extra {
  id: number;
  sceneName?: string;
  taskAlias?: string;
  taskStatus: number;
  statusText?: string;
  totalFrames?: number;
  doneFrames?: number;
  failedFrames?: number;
  executingFrames?: number;
  abortFrames?: number;
  framesRange?: string;
  projectName?: string;
  outputFileName?: string;
  layerParentId?: number;
  cgId?: number;
  taskType?: string;
  respRenderingTaskList?: FarmTask[] | null;
  labels?: unknown;
}

export interface FrameInfo extends Extra {
  id: number;
  taskId?: number;
  frameIndex: string;
  frameStatus: number;
  frameType?: number;
  frameStatusText?: string;
  startTime?: number;
  endTime?: number;
}

export interface FrameStats extends Extra {
  executingFramesTotal: number;
  doneFramesTotal: number;
  failedFramesTotal: number;
  waitingFramesTotal: number;
  abandonFramesTotal: number;
  totalFrames: number;
}

export interface PlatformInfo extends Extra {
  platform: number;
  name: string;
  type: number;
  status: number;
  taskPrefix?: string;
  isShow?: number;
}

export interface CodeInfo extends Extra {
  id?: number;
  code: string;
  type: number;
  languageFlag?: number;
  desDescriptionCn?: string;
  desSolutionCn?: string;
  solutionPath?: string;
}

export interface SoftwareList extends Extra {
  isAutoCommit?: number;
  defaultCgId?: number;
  renderInfoList: Array<{ cgId: number; cgName: string; cgType?: string } & Extra>;
}

export interface SoftwareDetail extends Extra {
  cgPlugin: Array<{ cvId: number; pluginName: string; pluginVersions: Array<{ pluginId: number; pluginName: string; pluginVersion: string }> } & Extra>;
  cgVersion: Array<{ id: number; cgId: number; cgName: string; cgVersion: string } & Extra>;
}

export interface TransferServerInfo extends Extra {
  clientVersion?: string;
  protocolVersion?: string;
  raysyncTransfer?: { serverIp: string; serverPort: number; proxyIp?: string; proxyPort?: number; sslPort?: number; port?: number } & Extra;
}

export interface ProjectList extends Extra {
  projectNameList: Array<{ projectId: number; projectName: string }>;
}

export interface RenderEnv extends Extra {
  cgId: number;
  cgName: string;
  cgVersion: string;
  renderLayerType?: number;
  editName: string;
  renderSystem: 0 | 1;
  pluginIds: number[];
  projectPath?: string;
}

export interface UserPluginConfig extends Extra {
  cgId: number;
  editName: string;
  cgName: string;
  cgVersion: string;
  osName: number;
  isDefault: number;
  respUserPluginInfoVos?: Array<{ pluginId: number; pluginName: string; pluginVersion: string }>;
}

export interface FarmTransferEngine extends Extra {
  engineName: string;
  checkServer?: string;
  checkPort?: number | string;
  isDefault?: number;
  resqEngineAccounts?: Array<{ bid: string; name: string; password: string }> | null;
  respTaskEngineLines?: Array<{ name: string; server: string; port: number | string; isDefault: number; lineId?: number; type?: number }>;
}

export interface FarmTransferConfig extends Extra {
  inputBid: string;
  outputBid: string;
  configBid: string;
  parentInputBid?: string;
  resqEngines: FarmTransferEngine[];
  subUserOutputBids?: Array<{ userId: number; outputBid: string }>;
}

export interface OutputFile extends Extra {
  fileName: string;
  fileSize: number | null;
  lastModify?: string;
  fileType?: string;
  filePath: string;
  directory: boolean;
  isArrears?: number;
}

export interface PackNode extends Extra {
  packNodeId: number;
  packName: string;
}

export type FarmJobFileName = 'task.json' | 'upload.json' | 'asset.json' | 'tips.json';
