import type { CampaignFailure, DeviceTotals, TaskReport } from './campaign-report.js';

/**
 * Where a campaign stands, as its journal tells it:
 * - `running`: a run is under way, or its process died without finishing (resume it);
 * - `paused`, `cancelled`, `aborted`, `failed`: the last run ended so (see `CampaignReport.status`);
 * - `stopped`: an operator stopped it (`stopCampaign`); nothing more is created;
 * - `finished`: every task is terminal.
 */
export type CampaignLifecycleState =
  | 'running'
  | 'paused'
  | 'cancelled'
  | 'aborted'
  | 'finished'
  | 'failed'
  | 'stopped';

/** One task in a {@link CampaignStatus}. */
export interface CampaignTaskStatus extends TaskReport {
  /** 0-based rollout wave, when the campaign has a rollout. */
  wave?: number;
  /** For a retry task (`<task>_r1`): the index of the task whose devices it retries. */
  retryOf?: number;
  /** Journal time of the last record about the task, or the time of the refresh poll that read it. */
  lastSeenAt?: number;
  /** True when `readCampaignStatus` polled it just now (option `adapter`). */
  refreshed?: boolean;
}

/** What `readCampaignStatus` returns. */
export interface CampaignStatus {
  campaignId: string;
  campaignName: string;
  adapter: string;
  state: CampaignLifecycleState;
  /** Wall-clock time (ms since 1970) the campaign was started. */
  startedAt: number;
  /** Journal time of the last record. */
  lastSeenAt: number;
  /** Whether the plan was read to its end (then `tasksPlanned` is the plan's size). */
  planComplete: boolean;
  tasksPlanned: number;
  tasks: CampaignTaskStatus[];
  /** Device totals over the tasks; devices of unfinished tasks count as `unknown` until a task finishes or is refreshed. */
  totals: DeviceTotals;
  /** Per rollout wave what the journal says. */
  waves?: { wave: number; state: 'started' | 'passed' | 'paused' | 'aborted' }[];
  /** Why the last run failed (`state: 'failed'`). */
  failure?: CampaignFailure;
  /** The operator's stop, when there was one. */
  stop?: { mode: 'soft' | 'force'; at: number };
  /** Platform calls made to refresh running tasks (0 without `adapter`). */
  refreshCalls: number;
}
