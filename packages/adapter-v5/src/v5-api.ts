/**
 * Wire shapes of the IoTDA v5 API, with the snake_case keys of the reference
 * (/work/shared/reference/huawei-api.md section B). Only what fleetcast reads or sends.
 */

/** `task_type` values fleetcast creates. */
export type V5TaskType =
  | 'createCommands'
  | 'createAsyncCommands'
  | 'createMessages'
  | 'updateDeviceShadows'
  | 'firmwareUpgrade'
  | 'softwareUpgrade'
  | 'deleteDevices'
  | 'freezeDevices'
  | 'unfreezeDevices';

/** `TaskPolicy`. */
export interface V5TaskPolicy {
  /** `yyyyMMdd'T'HHmmss'Z'`, within 7 days. */
  schedule_time?: string;
  retry_count?: number;
  /** Minutes. */
  retry_interval?: number;
}

/** `CreateBatchTask`: `targets` wins over `targets_filter` when both are sent, so fleetcast sends one. */
export interface V5CreateBatchTask {
  app_id?: string;
  task_name: string;
  task_type: V5TaskType;
  targets?: string[];
  targets_filter?: { group_ids: string[] };
  document?: Record<string, unknown>;
  task_policy?: V5TaskPolicy;
}

/** Task states; `Waitting` is the platform's spelling. */
export type V5TaskState =
  | 'Initializing'
  | 'Waitting'
  | 'Processing'
  | 'Success'
  | 'Fail'
  | 'PartialSuccess'
  | 'Stopped'
  | 'Stopping';

/** `TaskProgress`: absolute subtask counts. */
export interface V5TaskProgress {
  total?: number;
  processing?: number;
  success?: number;
  fail?: number;
  waitting?: number;
  fail_wait_retry?: number;
  stopped?: number;
  removed?: number;
}

/** `Task`. */
export interface V5Task {
  task_id: string;
  task_name?: string;
  task_type?: string;
  targets?: string[];
  targets_filter?: Record<string, unknown>;
  document?: Record<string, unknown>;
  task_policy?: V5TaskPolicy;
  status: V5TaskState;
  status_desc?: string;
  task_progress?: V5TaskProgress;
  create_time?: string;
}

/** Subtask states (`Removed` is accepted by the filter though the model omits it). */
export type V5SubtaskState =
  | 'Success'
  | 'Fail'
  | 'Processing'
  | 'FailWaitRetry'
  | 'Stopped'
  | 'Waitting'
  | 'Removed';

/** `TaskDetail`. */
export interface V5TaskDetail {
  target: string;
  status: V5SubtaskState;
  output?: string;
  error?: { error_code?: string; error_msg?: string };
}

/** `Page`: `count` matching records in all, `marker` the ID of this page's last record. */
export interface V5Page {
  count?: number;
  marker?: string;
}

/** Response of `GET /batchtasks`. */
export interface V5ListBatchTasksResponse {
  batchtasks: V5Task[];
  page?: V5Page;
}

/** Response of `GET /batchtasks/{task_id}`: paging applies to `task_details` only. */
export interface V5ShowBatchTaskResponse {
  batchtask: V5Task;
  task_details?: V5TaskDetail[];
  page?: V5Page;
}

/** Body of stop/retry: at most 100 targets; `{}` means every eligible subtask. */
export interface V5BatchTargets {
  targets?: string[];
}

/** Response of stop/retry. */
export interface V5BatchTargetsResponse {
  targets?: { target: string; status: 'success' | 'failure'; error_code?: string; error_msg?: string }[];
}

/** Error body of every v5 call. */
export interface V5ErrorBody {
  error_code: string;
  error_msg?: string;
}

/** A device as the device list API returns it (`QueryDeviceSimplify`), only the fields fleetcast reads. */
export interface V5DeviceSummary {
  device_id: string;
  node_id?: string;
  product_id?: string;
  status?: string;
  fw_version?: string;
  sw_version?: string;
}

/** Response of `GET /devices` and `GET /device-group/{group_id}/devices`. */
export interface V5ListDevicesResponse {
  devices: V5DeviceSummary[];
  page?: V5Page;
}

/** A product (`ProductSummary`), only the fields fleetcast reads. */
export interface V5ProductSummary {
  product_id: string;
  name?: string;
  device_type?: string;
  manufacturer_name?: string;
  manufacturer_id?: string;
  model?: string;
}

/** Response of `GET /products`. */
export interface V5ListProductsResponse {
  products: V5ProductSummary[];
  page?: V5Page;
}

/** A device group (`DeviceGroupResponseSummary`). */
export interface V5DeviceGroupSummary {
  group_id: string;
  name: string;
}

/** Response of `GET /device-group`. */
export interface V5ListDeviceGroupsResponse {
  device_groups: V5DeviceGroupSummary[];
  page?: V5Page;
}

/** Most records per list page (`limit` 1–50). */
export const v5MaxPageSize = 50;
/** Largest `offset` the list APIs accept; past it, page by `marker`. */
export const v5MaxOffset = 500;
/** Most device IDs in one create call. */
export const v5MaxTargets = 30_000;
/** Most device IDs in one stop/retry call. */
export const v5MaxActionTargets = 100;
