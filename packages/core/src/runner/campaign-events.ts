import type { TaskCountsV1 } from '../adapter/v1/task-counts-v1.js';
import type { TaskStateV1 } from '../adapter/v1/task-state-v1.js';
import type { PlatformErrorKind } from '../errors/platform-error.js';
import type { ApiCallKind } from './call-budget.js';
import type { CampaignReport, DeviceTotals, TaskReportState, WaveHalt } from './campaign-report.js';

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
  state: TaskStateV1 | 'unknown';
  counts?: TaskCountsV1;
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

/** The first task of a rollout wave is about to be created (also emitted when a resume re-enters a wave). */
export interface WaveStartedEvent extends CampaignEventBase {
  /** 0-based. */
  wave: number;
  /** Cumulative percent of the wave. */
  percent: number;
  /** Waves in the rollout. */
  waves: number;
}

/** Every task of the wave is created; its gate now holds the next wave until it passes. */
export interface WaveGatedEvent extends CampaignEventBase {
  wave: number;
  tasks: number;
  devices: DeviceTotals;
  /** The thresholds in force (defaults applied). */
  gate: { minFinishedFraction: number; minSuccessRate: number; soakMs: number; approval: boolean };
}

/** The wave's gate passed (or a resume released the paused wave): the next wave may start. */
export interface WavePassedEvent extends CampaignEventBase {
  wave: number;
  tasks: number;
  /** The wave's figures the gate decided on (a poll may have changed them while the pass was journaled). */
  devices: DeviceTotals;
  via: 'gate' | 'resume';
}

/** The wave was stopped; `action` says whether the campaign is paused (resumable) or aborted. */
export interface WaveAbortedEvent extends CampaignEventBase, WaveHalt {
  tasks: number;
  devices: DeviceTotals;
}

/**
 * Progress of listing the platform's devices while planning (a target expanded through the adapter's own
 * directory): emitted after every page, so a long listing is never silent.
 */
export interface ListingProgressEvent extends CampaignEventBase {
  /** Directory pages read so far (products, devices, group look-ups). */
  pages: number;
  /** Device records the directory yielded so far (before targeting rules, duplicates and exclusions). */
  devices: number;
  /** Listing pages repeated after a throttle, 5xx or reset. */
  retries: number;
  /** Run-clock ms since the run started. */
  elapsedMs: number;
}

/** A directory page failed with a retryable error and is read again after `delayMs` (docs/runner.md). */
export interface ListingRetryingEvent extends CampaignEventBase {
  /** `throttled`, or the failure's kind (`server`, `network`). */
  reason: string;
  attempt: number;
  delayMs: number;
  /** The failure, never a secret. */
  message: string;
}

/**
 * The events of a campaign run, for eventemitter3's typed `on`. Names are noun-verb.
 */
export interface CampaignEvents {
  'plan-ready': (event: PlanReadyEvent) => void;
  'task-creating': (event: TaskCreatingEvent) => void;
  'task-created': (event: TaskCreatedEvent) => void;
  'task-retrying': (event: TaskRetryingEvent) => void;
  'task-failed': (event: TaskFailedEvent) => void;
  'task-progress': (event: TaskProgressEvent) => void;
  'campaign-progress': (event: CampaignProgressEvent) => void;
  'wave-started': (event: WaveStartedEvent) => void;
  'wave-gated': (event: WaveGatedEvent) => void;
  'wave-passed': (event: WavePassedEvent) => void;
  'wave-aborted': (event: WaveAbortedEvent) => void;
  'campaign-finished': (event: CampaignFinishedEvent) => void;
  'campaign-stopping': (event: CampaignStoppingEvent) => void;
  'task-stopped': (event: TaskStoppedEvent) => void;
  'retry-started': (event: RetryStartedEvent) => void;
  'listing-progress': (event: ListingProgressEvent) => void;
  'listing-retrying': (event: ListingRetryingEvent) => void;
}

/** `stopCampaign` reached this run: no new create starts; creates under way are answered and journaled. */
export interface CampaignStoppingEvent extends CampaignEventBase {
  mode: 'soft' | 'force';
}

/** A force stop asked the platform to stop a task's unfinished devices (emitted on the run, when one is under way). */
export interface TaskStoppedEvent extends CampaignEventBase {
  index: number;
  name: string;
  taskId: string;
  /** `stopped`: the platform accepted; `refused`: it refused the whole task; `unsupported`: no stop call for it. */
  outcome: 'stopped' | 'refused' | 'unsupported';
  /** Devices the platform refused to stop. */
  refusedDevices: number;
  message?: string;
}

/** A retry of a campaign began: devices retried on the platform, or new retry tasks to be created. */
export interface RetryStartedEvent extends CampaignEventBase {
  what: 'createFailed' | 'failedDevices';
  /** Tasks reopened (createFailed) or retry tasks planned (failedDevices). */
  tasks: number;
  /** Devices retried by the platform's retry call. */
  platformRetried: number;
  /** Devices put into new retry tasks. */
  inNewTasks: number;
}
