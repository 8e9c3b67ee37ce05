import type { Campaign } from '../../campaign/campaign.js';
import type { DeviceDirectory } from '../../directory/device-directory.js';
import type { AdapterCapabilitiesV1 } from './adapter-capabilities-v1.js';
import type { BatchActionResultV1 } from './batch-action-result-v1.js';
import type { CreateTaskOptionsV1 } from './create-task-options-v1.js';
import type { DirectoryOptionsV1 } from './directory-options-v1.js';
import type { FindTaskByNameOptionsV1 } from './find-task-by-name-options-v1.js';
import type { GetTaskOptionsV1 } from './get-task-options-v1.js';
import type { HttpRequestSpecV1 } from './http-request-spec-v1.js';
import type { ListTaskDevicesOptionsV1 } from './list-task-devices-options-v1.js';
import type { RetryTaskOptionsV1 } from './retry-task-options-v1.js';
import type { StopTaskOptionsV1 } from './stop-task-options-v1.js';
import type { SubtaskPageV1 } from './subtask-page-v1.js';
import type { TaskPlanV1 } from './task-plan-v1.js';
import type { TaskStatusV1 } from './task-status-v1.js';

/**
 * Version 1 of the adapter specification: everything fleetcast needs from a platform.
 * Methods prefixed `do` are for the engine (planner and runner); users call the engine, not these.
 */
export interface AdapterV1 {
  readonly specificationVersion: 'v1';
  /** Short identifier used in messages and reports, e.g. `legacy`, `v5`. */
  readonly name: string;
  readonly capabilities: AdapterCapabilitiesV1;

  /** The create request for one planned task (of a campaign with this operation and policy). Pure: no I/O, no secrets. */
  buildCreateRequest(task: TaskPlanV1, campaign: Pick<Campaign, 'operation' | 'policy'>): HttpRequestSpecV1;

  /** Creates the task. Throws `PlatformError` on failure. */
  doCreateTask(options: CreateTaskOptionsV1): Promise<{ taskId: string }>;
  /** Reads one task's normalized status. */
  doGetTask(options: GetTaskOptionsV1): Promise<TaskStatusV1>;
  /**
   * Finds a task by its exact name (for idempotent retries after an ambiguous failure).
   * Present only when the platform can tell whether a task with a given name exists: its presence is the
   * capability (there is no flag for it).
   */
  doFindTaskByName?(options: FindTaskByNameOptionsV1): Promise<{ taskId: string } | undefined>;
  /** Reads one page of a task's subtasks. */
  doListTaskDevices?(options: ListTaskDevicesOptionsV1): Promise<SubtaskPageV1>;
  /** Stops subtasks (all eligible when `deviceIds` is omitted). */
  doStopTask?(
    options: StopTaskOptionsV1,
    // biome-ignore lint/suspicious/noConfusingVoidType: void keeps adapters written before the result type valid
  ): Promise<BatchActionResultV1 | void>;
  /** Retries failed subtasks (all eligible when `deviceIds` is omitted). */
  doRetryTask?(
    options: RetryTaskOptionsV1,
    // biome-ignore lint/suspicious/noConfusingVoidType: void keeps adapters written before the result type valid
  ): Promise<BatchActionResultV1 | void>;

  /**
   * Opens a directory over the platform's devices, for selectors it cannot resolve natively, whose every
   * request draws from `meter`. The engine calls it when the caller gave no directory of their own.
   */
  doOpenDirectory?(options: DirectoryOptionsV1): DeviceDirectory;

  /**
   * Which platform application this adapter calls, e.g. `v5 https://iotda.example.com project p1`: the
   * endpoint and the project or app ID, never a secret or token. Adapter objects with the same key draw
   * from one call budget in the process (the platform limits calls per application, not per object).
   * Leave it unset (or create the adapter with `shareBudget: false`) for a budget per object.
   */
  readonly applicationKey?: string;
}

// Re-exported for importers of the adapter interface's own file; each type lives in its V1 file.
export type { AdapterCapabilitiesV1 } from './adapter-capabilities-v1.js';
export type { BatchActionResultV1 } from './batch-action-result-v1.js';
