/**
 * Client-side request schemas (spec/api.md §3), checked before anything is sent. Unknown fields are
 * allowed as in the old Cerberus schemas; a present `null` is refused; integers must be integers
 * (no floats, numeric strings or booleans).
 */
import { z } from 'zod';

const int = () => z.number().int();
const intList = () => z.array(int());
const str = () => z.string();
const loose = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

export const EMPTY = loose({});

const taskIds = loose({ taskIds: intList().min(1) });

const frameSelection = loose({
  taskId: int(),
  selectAll: z.union([z.literal(0), z.literal(1)]),
  ids: intList().optional(),
  status: z.array(z.union([int(), str()])).optional(),
});

const renderEnv = loose({
  cgId: int(),
  cgName: str(),
  cgVersion: str(),
  renderLayerType: int().optional(),
  editName: str().min(1),
  renderSystem: z.union([z.literal(0), z.literal(1)]),
  pluginIds: intList(),
  projectPath: str().optional(),
});

const page = { pageNum: int().positive(), pageSize: int().positive() };

export const SCHEMAS = {
  updateUserSetting: loose({ taskOverTimeSec: int().nonnegative() }),
  hardwareConfigList: loose({ cloneTask: str(), taskIds: z.array(z.union([int(), str()])).optional() }),
  taskRecord: loose({ platform: int().optional(), ...page, startDate: str().optional(), endDate: str().optional() }),
  loginRecord: loose({ ...page, startDate: str().optional(), endDate: str().optional() }),
  createTask: loose({
    count: int().positive(),
    taskUserLevel: int(),
    outUserId: int().optional(),
    labels: z.array(str()).optional(),
    cloneOriginalId: int().optional(),
    artist: str().optional(),
  }),
  submitTask: loose({ taskId: int().positive(), producer: str().optional() }),
  taskIds,
  updateTaskUserLevel: loose({ taskId: int(), taskUserLevel: int() }),
  setTaskOverTimeStop: loose({ taskIds: intList().min(1), overTime: int().nonnegative() }),
  editTaskHardwareConfig: loose({
    taskIds: z.array(z.union([str(), int()])).min(1),
    hardwareConfigId: z.array(z.union([str(), int()])).min(1),
    model: str(),
    gpuNum: str(),
    ram: str(),
  }),
  queryPlatforms: loose({ zone: z.union([z.literal(1), z.literal(2)]) }),
  queryAnalyseErrorDetail: loose({ language: z.union([int(), str()]), code: str().optional(), codes: z.array(str()).optional() }),
  getTaskList: loose({
    ...page,
    statusList: intList().optional(),
    searchKeyword: z.union([str(), int()]).optional(),
    startTime: str().optional(),
    endTime: str().optional(),
    recycleFlag: int().optional(),
  }),
  queryTaskFrames: loose({ taskId: int(), ...page, searchKeyword: z.union([str(), int()]).optional() }),
  recommitTasks: loose({ taskIds: intList().min(1), status: intList().optional() }),
  frameSelection,
  querySoftwareDetail: loose({ cgId: int(), osName: z.enum(['windows', 'linux']) }),
  getServerInfo: loose({ zone: z.union([z.literal(1), z.literal(2)]) }),
  loadTaskProcessImg: loose({ taskId: int(), frameType: int().optional() }),
  loadingFrameThumbnail: loose({ id: int(), frameStatus: int() }),
  showLog: loose({ renderingType: str(), ...page, id: int().nullable() }),
  projectAdd: loose({ newName: str().min(1), status: int() }),
  projectDelete: loose({ delName: str().min(1) }),
  projectList: loose({ flag: z.union([z.literal(0), z.literal(1), z.literal(2)]) }),
  addTaskLabel: loose({ label: str().min(1), taskIds: intList().min(1) }),
  deleteTaskLabel: loose({ labelIds: z.array(z.union([int(), str()])).min(1) }),
  renderEnv,
  editName: loose({ editName: str().min(1) }),
  getUserPluginConfig: loose({ cgId: int().optional(), cgIds: intList().optional(), osName: z.union([z.literal(0), z.literal(1)]).optional() }),
  taskJsonFile: loose({ taskId: int().positive(), fileName: z.enum(['task.json', 'upload.json', 'asset.json', 'tips.json']), content: str() }),
  getOutputUserDirFile: loose({ treePath: str(), taskId: int().optional() }),
} as const;
