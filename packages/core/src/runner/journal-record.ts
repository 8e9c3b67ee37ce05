import type { TaskCountsV1 } from '../adapter/v1/task-counts-v1.js';
import type { TaskStateV1 } from '../adapter/v1/task-state-v1.js';
import type { CampaignFailure, CampaignRunStatus, WaveHalt } from './campaign-report.js';
import type { PlatformErrorKind } from '../errors/platform-error.js';
import type { Campaign } from '../campaign/campaign.js';

/**
 * One line of a campaign's journal. The journal is the runner's only memory across processes: it holds
 * no device IDs (the plan is streamed again on resume and must come out the same), only what was
 * decided and what the platform answered. Every record's `at` is wall-clock time, epoch milliseconds
 * (`Date.now()`), never the run's clock (events carry that); journals written before this held the run's
 * clock on every record but the first, and still resume (`at` is not read back).
 */
export type JournalRecord =
  | CampaignStartedRecord
  | TaskIntentRecord
  | TaskCreatedRecord
  | TaskUnknownRecord
  | TaskCreateFailedRecord
  | TaskFinishedRecord
  | PlanCompleteRecord
  | WaveStartedRecord
  | WavePassedRecord
  | WaveAbortedRecord
  | CampaignFinishedRecord
  | CampaignStopRecord
  | TaskStopRecord
  | TaskReopenedRecord
  | DevicesRetryRecord
  | RetryTaskPlannedRecord;

/** First record: what is being run, so that `resumeCampaign` needs only the ID. */
export interface CampaignStartedRecord {
  type: 'campaign-started';
  journalVersion: 1;
  campaignId: string;
  campaign: Campaign;
  adapter: string;
  at: number;
}

/** Written and flushed before every create call: "this task may exist on the platform from now on". */
export interface TaskIntentRecord {
  type: 'task-intent';
  index: number;
  name: string;
  attempt: number;
  /** Devices the create targets (explicit tasks), so that a status read from the journal can count them. */
  targets?: number;
  kind?: 'native' | 'explicit';
  /** 0-based rollout wave. */
  wave?: number;
  at: number;
}

/** The task exists on the platform. `taskId` is absent when the platform said so without saying its ID. */
export interface TaskCreatedRecord {
  type: 'task-created';
  index: number;
  name: string;
  taskId?: string;
  /** How the runner learned it: the create answer, a look-up by name, or a duplicate-name refusal. */
  via: 'create' | 'lookup' | 'nameExists';
  at: number;
}

/** The runner cannot tell whether the task exists and will not risk a duplicate. */
export interface TaskUnknownRecord {
  type: 'task-unknown';
  index: number;
  name: string;
  reason: string;
  at: number;
}

/** The platform refused the task for good. */
export interface TaskCreateFailedRecord {
  type: 'task-create-failed';
  index: number;
  name: string;
  error: { code: string; kind?: PlatformErrorKind; message: string };
  at: number;
}

/** The task reached a terminal state (or was lost on the platform: state `unknown`). */
export interface TaskFinishedRecord {
  type: 'task-finished';
  index: number;
  taskId: string;
  state: TaskStateV1 | 'unknown';
  counts?: TaskCountsV1;
  at: number;
}

/** The plan stream ended: the campaign has exactly `tasks` tasks. */
export interface PlanCompleteRecord {
  type: 'plan-complete';
  tasks: number;
  at: number;
}

/**
 * Every task is terminal, or the run stopped (cancelled, aborted, paused, stopped; those may be resumed), or
 * a platform-wide failure ended it (`failed`, with `failure`).
 */
export interface CampaignFinishedRecord {
  type: 'campaign-finished';
  status: CampaignRunStatus;
  failure?: CampaignFailure;
  at: number;
}

/**
 * An operator stopped the campaign (`stopCampaign`): nothing more is created, by this run or any later
 * resume. `force`: the created tasks' unfinished devices were also asked to stop on the platform.
 */
export interface CampaignStopRecord {
  type: 'campaign-stop';
  mode: 'soft' | 'force';
  at: number;
}

/** What a force stop asked of one task and what the platform refused (journaled after the answer). */
export interface TaskStopRecord {
  type: 'task-stop';
  index: number;
  taskId: string;
  /** `task`: one call for every eligible device; `devices`: the listed unfinished devices, in batches. */
  scope: 'task' | 'devices';
  /** Devices asked to stop (absent for `scope: 'task'`, where the platform picks them). */
  requested?: number;
  /** `stopped`: the platform accepted the call; `refused`: it refused the whole call (`refused` is then 0). */
  outcome: 'stopped' | 'refused';
  /** Devices the platform refused to stop. */
  refused: number;
  at: number;
}

/**
 * A refused task is to be created again (`retryCampaign(…, { what: 'createFailed' })`): its earlier
 * outcome no longer stands. It is handled like an intent without outcome: looked up (or its duplicate
 * refusal read as ours) before it is created, under the same name.
 */
export interface TaskReopenedRecord {
  type: 'task-reopened';
  index: number;
  name: string;
  at: number;
}

/**
 * Written before a platform retry call (`doRetryTask`) of these devices of a created task. It counts as
 * an attempt whether or not the call went through, so a crash can never retry a device more often than
 * `maxRetries`; the task is polled again afterwards.
 */
export interface DevicesRetryRecord {
  type: 'devices-retry';
  index: number;
  taskId: string;
  deviceIds: string[];
  at: number;
}

/**
 * A new task of the failed devices of task `retryOf` (where the platform has no retry call for the task
 * type), written before its intent. Unlike planned tasks it keeps its device IDs: they come from the
 * platform's subtask list, which a later read could no longer reproduce.
 */
export interface RetryTaskPlannedRecord {
  type: 'retry-task-planned';
  index: number;
  name: string;
  /** Index of the task (planned or itself a retry) whose devices are retried. */
  retryOf: number;
  /** 1 for the first retry round of these devices. */
  round: number;
  deviceIds: string[];
  /** What the devices' subtasks had become: `failed` or `timedOut` counts. */
  from: { failed: number; timedOut: number };
  at: number;
}

/** The first task of a rollout wave is about to be created. */
export interface WaveStartedRecord {
  type: 'wave-started';
  wave: number;
  at: number;
}

/** A wave's gate passed (or a resume released a paused wave): the next wave may be created. */
export interface WavePassedRecord {
  type: 'wave-passed';
  wave: number;
  via: 'gate' | 'resume';
  at: number;
}

/** A wave was stopped: an abort criterion fired, its gate can no longer pass, or approval was refused. */
export interface WaveAbortedRecord {
  type: 'wave-aborted';
  wave: number;
  action: 'pause' | 'abort';
  reason: WaveHalt['reason'];
  message: string;
  at: number;
}
