import type { TaskCounts, TaskState } from '../adapter/v1/task-status.js';
import type { WaveHalt } from './campaign-report.js';
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
  | CampaignFinishedRecord;

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
  state: TaskState | 'unknown';
  counts?: TaskCounts;
  at: number;
}

/** The plan stream ended: the campaign has exactly `tasks` tasks. */
export interface PlanCompleteRecord {
  type: 'plan-complete';
  tasks: number;
  at: number;
}

/** Every task is terminal, or the run stopped (cancelled or aborted; those may be resumed). */
export interface CampaignFinishedRecord {
  type: 'campaign-finished';
  status: 'completed' | 'cancelled' | 'aborted' | 'paused';
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
