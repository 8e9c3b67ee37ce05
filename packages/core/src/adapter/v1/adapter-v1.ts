import type { DeviceDirectory } from '../../directory/device-directory.js';
import type { TaskPlan } from './task-plan.js';
import type { TaskNameRule } from './task-name-rule.js';
import type { Campaign } from '../../campaign/campaign.js';
import type { OperationType } from '../../campaign/operation.js';
import type { TargetType } from '../../campaign/target-spec.js';
import type { CallMeter } from './call-meter.js';
import type { SubtaskStatus, TaskStatus } from './task-status.js';

/** What an adapter's platform can do; the planner and runner read only this. */
export interface AdapterCapabilitiesV1 {
  /** Target types the platform selects by itself, without fleetcast expanding device IDs. */
  nativeSelectors: readonly TargetType[];
  supportedOperations: readonly OperationType[];
  /** Most device IDs in one create call (both Huawei platforms: 30,000). */
  maxTargetsPerTask: number;
  taskNameRule: TaskNameRule;
  /** API calls per minute the app may make (both Huawei platforms: 100 by default). */
  rateLimitPerMinute: number;
  /** Most unfinished tasks the platform accepts, or `unknown` when the documents disagree or are silent. */
  maxUnfinishedTasks: number | 'unknown';
  /** Whether `doFindTaskByName` can tell whether a task with a given name exists. */
  findTaskByName: boolean;
  /** Whether the platform refuses a second task with the same name (legacy 105002). */
  rejectsDuplicateNames: boolean;
  /**
   * Operation types whose tasks take `doStopTask` and `doRetryTask` (v5: firmware and software upgrades).
   * Absent or empty: the platform has no such call for any task (legacy); `stopCampaign` says so and
   * `retryCampaign` retries by new tasks.
   */
  taskActions?: { stop: readonly OperationType[]; retry: readonly OperationType[] };
}

/** A request exactly as it would be sent, minus authentication (added by the transport). */
export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the adapter's base URL, with any query string. */
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Options every engine-facing call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /**
   * The engine budgets one request per call. Every further request the adapter makes for it (logins,
   * re-logins, look-ups, further pages) must first `acquire` from this meter, so the platform's
   * calls/minute hold. Optional: absent when the caller does not pace calls.
   */
  meter?: CallMeter;
}

/** Options of {@link AdapterV1.directory}. */
export interface DirectoryOptions {
  signal?: AbortSignal;
  /** Paces every request the directory makes (each listing page is one `page` or `lookup` call). */
  meter?: CallMeter;
}

/** A page of subtasks. */
export interface SubtaskPage {
  items: SubtaskStatus[];
  /** Pass back to get the next page; absent on the last page. */
  nextCursor?: string;
}

/** What a stop or retry did: the targets the platform refused, with its reasons (empty when all were accepted). */
export interface BatchActionResultV1 {
  failures: { deviceId: string; code: string; message: string }[];
}

/**
 * Version 1 of the adapter specification: everything fleetcast needs from a platform.
 * Methods prefixed `do` are for the engine (planner and runner); users call the engine, not these.
 */
export interface AdapterV1 {
  readonly specificationVersion: 'v1';
  /** Short identifier used in messages and reports, e.g. `legacy`, `v5`. */
  readonly name: string;
  readonly capabilities: AdapterCapabilitiesV1;

  /** The create request for one planned task. Pure: no I/O, no secrets. */
  buildCreateRequest(task: TaskPlan, campaign: Campaign): HttpRequestSpec;

  /** Creates the task. Throws `PlatformError` on failure. */
  doCreateTask(task: TaskPlan, campaign: Campaign, options?: CallOptions): Promise<{ taskId: string }>;
  /** Reads one task's normalized status. */
  doGetTask(taskId: string, options?: CallOptions): Promise<TaskStatus>;
  /**
   * Finds a task by its exact name (for idempotent retries after an ambiguous failure).
   * Present only when `capabilities.findTaskByName` is true.
   */
  doFindTaskByName?(
    name: string,
    campaign: Campaign,
    options?: CallOptions,
  ): Promise<{ taskId: string } | undefined>;
  /** Reads one page of a task's subtasks. */
  doListTaskDevices?(
    taskId: string,
    page: { cursor?: string; pageSize?: number },
    options?: CallOptions,
  ): Promise<SubtaskPage>;
  /** Stops subtasks (all eligible when `deviceIds` is omitted). */
  doStopTask?(
    taskId: string,
    deviceIds?: readonly string[],
    options?: CallOptions,
    // biome-ignore lint/suspicious/noConfusingVoidType: void keeps adapters written before the result type valid
  ): Promise<BatchActionResultV1 | void>;
  /** Retries failed subtasks (all eligible when `deviceIds` is omitted). */
  doRetryTask?(
    taskId: string,
    deviceIds?: readonly string[],
    options?: CallOptions,
    // biome-ignore lint/suspicious/noConfusingVoidType: void keeps adapters written before the result type valid
  ): Promise<BatchActionResultV1 | void>;

  /**
   * A directory over the platform's devices, for selectors it cannot resolve natively. Without a
   * `meter`, the same directory object on every call (so the runner can recognise it); with one, a
   * directory whose every request draws from that meter.
   */
  directory?(options?: DirectoryOptions): DeviceDirectory;
}
