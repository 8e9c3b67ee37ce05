/**
 * Wire shapes of the legacy OceanConnect northbound API, spelled exactly as the reference spells them
 * (docs/adapters/legacy.md; /work/shared/reference/huawei-api.md section A). Only what fleetcast reads or sends.
 */

/** Path prefix of every batch-task call. */
export const legacyBatchTaskPath = '/iocm/app/batchtask/v1.1.0';
/** Login path (form-encoded `appId` + `secret`). */
export const legacyLoginPath = '/iocm/app/sec/v1.1.0/login';

/** `param.type` values of a DeviceCmd task. */
export type LegacySelectorType =
  | 'DeviceList'
  | 'DeviceType'
  | 'DeviceArea'
  | 'GroupList'
  | 'GroupIdList'
  | 'Broadcast';

/** `CommandDTO`. */
export interface LegacyCommand {
  serviceId: string;
  method: string;
  paras?: Record<string, unknown>;
}

/** `param` of a `DeviceCmd` task. */
export interface LegacyDeviceCmdParam {
  type: LegacySelectorType;
  deviceList?: string[];
  deviceType?: string;
  manufacturerId?: string;
  model?: string;
  deviceLocation?: string;
  groupList?: string[];
  command: LegacyCommand;
  callbackUrl?: string;
  maxRetransmit?: number;
  groupTag?: string;
}

/** `BatchTaskCreateInDTO`. */
export interface LegacyBatchTaskCreateIn {
  appId?: string;
  taskName: string;
  taskType: 'DeviceCmd';
  timeout: number;
  param: LegacyDeviceCmdParam;
  tags?: { tagName: string; tagValue: string }[];
}

/** `BatchTaskCreateOutDTO`: note the capital D. */
export interface LegacyBatchTaskCreateOut {
  taskID: string;
}

/** Task states of `QueryOneTaskOutDTO.status`. */
export type LegacyTaskState = 'Pending' | 'Running' | 'Complete' | 'Timeout';

/** `QueryOneTaskOutDTO`: counters are absolute, `progress` and `successRate` per mille rounded down. */
export interface LegacyQueryOneTaskOut {
  appId?: string;
  taskId: string;
  taskName?: string;
  taskType?: string;
  status: LegacyTaskState;
  startTime?: string;
  /** Seconds according to the query page (minutes according to the create page). */
  timeout?: number;
  progress?: number;
  totalCnt?: number;
  successCnt?: number;
  failCnt?: number;
  timeoutCnt?: number;
  expiredCnt?: number;
  completeCnt?: number;
  successRate?: number;
  param?: unknown;
  tags?: { tagName: string; tagValue: string }[];
}

/** Subtask states of `taskDetails[].status`. */
export type LegacySubtaskState = 'Pending' | 'WaitResult' | 'Success' | 'Fail' | 'Timeout';

/** `QueryTaskDetailDTOCloud2NA`. */
export interface LegacyTaskDetail {
  status: LegacySubtaskState;
  output?: string;
  /** A JSON string `{"error_code":…,"error_desc":…}`. */
  error?: string;
  param?: { deviceId?: string; commandId?: string };
}

/** Response of `GET /taskDetails`: `pageNo` is 0-based, `pageSize` 1–250. */
export interface LegacyTaskDetailsOut {
  pageNo: number;
  pageSize: number;
  totalCount: number;
  taskDetails: LegacyTaskDetail[];
}

/** Response of the login call. */
export interface LegacyLoginOut {
  accessToken: string;
  tokenType?: string;
  /** Seconds. */
  expiresIn?: number;
  refreshToken?: string;
  scope?: string;
}

/** Error body of every legacy call, including business errors that arrive with HTTP 200. */
export interface LegacyErrorBody {
  error_code: string | number;
  error_desc?: string;
}

/** Most subtasks per `taskDetails` page. */
export const legacyMaxPageSize = 250;
/** Timeout bounds of the create body (unit disputed, see the adapter setting `timeoutUnit`). */
export const legacyTimeoutRange = { min: 10, max: 2880 } as const;
