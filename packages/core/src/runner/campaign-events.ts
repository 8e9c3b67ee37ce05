import type { TaskCounts, TaskState } from '../adapter/v1/task-status.js';
import type { PlatformErrorKind } from '../errors/platform-error.js';
import type { ApiCallKind } from './call-budget.js';
import type { CampaignReport, DeviceTotals, TaskReportState } from './campaign-report.js';

/** Fields every event carries. */
export interface CampaignEventBase {
  campaignId: string;
  /** Runner-clock time of the event, in milliseconds. */
  at: number;
}

/** The plan stream ended: the campaign's size is now known. */
export interface PlanReadyEvent extends CampaignEventBase {
  tasks: number;
  explicitTasks: number;
  nativeTasks: number;
  /** Devices in explicit tasks (native tasks' sizes are known only once the platform reports them). */
  explicitTargets: number;
}

/** A create call is about to be made (after the intent is journaled). */
export interface TaskCreatingEvent extends CampaignEventBase {
  index: number;
  name: string;
  kind: 'native' | 'explicit';
  targets: number | undefined;
  /** 1 for the first call; higher after retries. */
  attempt: number;
}

/** The task exists on the platform and the journal says so. */
export interface TaskCreatedEvent extends CampaignEventBase {
  index: number;
  name: string;
  /** Absent when the platform confirmed the task (duplicate-name refusal) without giving its ID. */
  taskId?: string;
  via: 'create' | 'lookup' | 'nameExists';
}

/** A call failed in a way worth repeating; the runner waits `delayMs` and tries again. */
export interface TaskRetryingEvent extends CampaignEventBase {
  index: number;
  name: string;
  call: ApiCallKind;
  /** The retry about to happen (1 = the first retry). */
  retry: number;
  delayMs: number;
  reason: PlatformErrorKind | 'unexpected';
  message: string;
}

/** A task could not be created (`createFailed`) or its existence cannot be known (`unknown`). */
export interface TaskFailedEvent extends CampaignEventBase {
  index: number;
  name: string;
  state: Extract<TaskReportState, 'createFailed' | 'unknown'>;
  code: string;
  kind?: PlatformErrorKind;
  message: string;
}

/** A task's status changed (state or counters). */
export interface TaskProgressEvent extends CampaignEventBase {
  index: number;
  name: string;
  taskId: string;
  state: TaskState | 'unknown';
  counts?: TaskCounts;
  progress: number;
  terminal: boolean;
}

/** Totals after any change; emitted at most once per poll round or task outcome. */
export interface CampaignProgressEvent extends CampaignEventBase {
  /** Tasks seen in the plan so far, and whether the plan stream has ended. */
  tasksPlanned: number;
  planComplete: boolean;
  tasksCreated: number;
  tasksTerminal: number;
  tasksFailed: number;
  devices: DeviceTotals;
  apiCalls: number;
  throttles: number;
  elapsedMs: number;
}

/** The run ended; the same report `result` resolves to. */
export interface CampaignFinishedEvent extends CampaignEventBase {
  report: CampaignReport;
}

/**
 * The events of a campaign run, for eventemitter3's typed `on`. Names are noun-verb; wave events
 * (`wave-started`, `wave-finished`, gates) will join this map with the rollout issue.
 */
export interface CampaignEvents {
  'plan-ready': (event: PlanReadyEvent) => void;
  'task-creating': (event: TaskCreatingEvent) => void;
  'task-created': (event: TaskCreatedEvent) => void;
  'task-retrying': (event: TaskRetryingEvent) => void;
  'task-failed': (event: TaskFailedEvent) => void;
  'task-progress': (event: TaskProgressEvent) => void;
  'campaign-progress': (event: CampaignProgressEvent) => void;
  'campaign-finished': (event: CampaignFinishedEvent) => void;
}
