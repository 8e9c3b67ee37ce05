import type { TaskCountsV1 } from '../adapter/v1/task-counts-v1.js';
import type { TaskStateV1 } from '../adapter/v1/task-state-v1.js';
import type { PlatformErrorKind } from '../errors/platform-error.js';
import type { MeteredCallKindV1 } from '../adapter/v1/metered-call-kind-v1.js';
import type { UnevaluableDevice } from '../errors/rules-unevaluable-error.js';
import type { RefusedDevices } from '../planner/device-refusal.js';
import type { ApiCallKind } from './call-budget.js';

/**
 * Where a task ended up:
 * - a platform {@link TaskStateV1} (the last one seen; terminal unless the run stopped early),
 * - `createFailed`: the platform refused it for good,
 * - `unknown`: the runner cannot tell whether it exists (see docs/runner.md, "exactly once"), or it exists
 *   but cannot be read (created without an ID, or lost on the platform),
 * - `notCreated`: the run stopped (cancelled or aborted) before creating it.
 */
export type TaskReportState = TaskStateV1 | 'createFailed' | 'unknown' | 'notCreated';

/** How a run ended; see {@link CampaignReport.status}. */
export type CampaignRunStatus = 'completed' | 'cancelled' | 'aborted' | 'paused' | 'failed' | 'stopped';

/** A failure that ended a whole run (every further call would have failed the same way). */
export interface CampaignFailure {
  code: string;
  kind?: PlatformErrorKind;
  message: string;
}

/** One planned task in the report. */
export interface TaskReport {
  index: number;
  name: string;
  kind: 'native' | 'explicit';
  /** Devices targeted: the list length for explicit tasks, the platform's total for native ones (once read). */
  targets: number | undefined;
  taskId?: string;
  /** Whether the task exists on the platform. */
  created: boolean | 'unknown';
  state: TaskReportState;
  /** Subtask counters as last read from the platform. */
  counts?: TaskCountsV1;
  /** Why the create failed or the task is unknown. */
  error?: { code: string; kind?: PlatformErrorKind; message: string };
}

/** Device totals over every task of the campaign. */
export interface DeviceTotals {
  targeted: number;
  succeeded: number;
  /** Failed subtasks plus every device of a task the platform refused. */
  failed: number;
  timedOut: number;
  stopped: number;
  /** Devices of tasks in state `unknown`, and devices of unfinished tasks not yet counted as anything else. */
  unknown: number;
  /** Devices of tasks the run never created. */
  notCreated: number;
}

/** What a campaign run did, as `result` resolves it and `campaign-finished` carries it. */
export interface CampaignReport {
  campaignId: string;
  campaignName: string;
  adapter: string;
  /**
   * `completed`: every task terminal or settled; `cancelled`: the signal fired; `aborted`: a task failed under
   * `onTaskError: 'abort'`, or a rollout abort criterion with action `abort` fired (see `rolloutHalt`);
   * `paused`: a rollout wave was paused (criterion with action `pause`, failed gate, refused approval):
   * `resumeCampaign` goes on; `failed`: a platform-wide failure (authentication refused) ended the run at
   * once (see `failure`); nothing was recorded against the tasks not yet sent, so after fixing the cause
   * `resumeCampaign` creates them; `stopped`: an operator stopped the campaign (`stopCampaign`, or a
   * journaled stop a resume respected): created tasks were followed or left as they were, nothing more created.
   */
  status: CampaignRunStatus;
  /** Why the run ended with `status: 'failed'`: the platform's code and message (never a secret). */
  failure?: CampaignFailure;
  /** True when this run continued a journal (`resumeCampaign`). */
  resumed: boolean;
  /**
   * False when the run stopped before the plan was read to its end (Ctrl-C while planning): `tasks` and
   * `totals` then cover the tasks planned so far, not the whole campaign. Always set by the runner.
   */
  planComplete?: boolean;
  tasks: TaskReport[];
  totals: DeviceTotals;
  /**
   * Platform calls this run made, by kind, and their sum. The adapters' own requests (`auth`, `lookup`,
   * `page`: logins, look-ups, further pages, directory pages while planning) appear only when non-zero.
   */
  apiCalls: Record<Exclude<ApiCallKind, MeteredCallKindV1>, number> &
    Partial<Record<MeteredCallKindV1, number>> & { total: number };
  /** Throttling answers met (each was waited out and retried). */
  throttles: number;
  /** Calls repeated after a retryable failure. */
  retries: number;
  /** Runner-clock milliseconds from start to finish of this run. */
  wallTimeMs: number;
  /**
   * The least time the platform's limits allow for this plan (see the planner's `minimumDuration`), for
   * comparison with `wallTimeMs`; absent when no task duration was known.
   */
  minimumDurationMs?: number;
  /**
   * Devices a Rules target could not evaluate (a fact missing in strict mode, an operator error), when there
   * were any: their count and the first few. They are in no task; nothing was dropped silently.
   */
  unevaluable?: { devices: number; examples: UnevaluableDevice[] };
  /**
   * Devices the plan left out, when there were any: repeated IDs (a device is in one task only) and, with
   * `skipInvalidDevices`, IDs the platforms refuse, with the first few messages (docs/planner.md, Chunking).
   */
  refused?: RefusedDevices;
  /** Per-wave figures, when the campaign has a rollout. */
  waves?: WaveReport[];
  /** Why the rollout stopped, when it did. */
  rolloutHalt?: WaveHalt;
}

/** One rollout wave in the report. */
export interface WaveReport {
  /** 0-based. */
  wave: number;
  /** Cumulative percent of the wave, as in the spec. */
  percent: number;
  /** Tasks of the wave this run knows of (a wave after an early stop may show 0). */
  tasks: number;
  totals: DeviceTotals;
  /**
   * `notStarted`: no task of it was created; `started`: created, gate not passed (yet); `passed`: its gate
   * let the next wave start; `finished`: the last wave (no gate after it), every task of it ended;
   * `paused`/`aborted`: stopped here.
   */
  state: 'notStarted' | 'started' | 'passed' | 'finished' | 'paused' | 'aborted';
}

/** Where and why a rollout stopped. */
export interface WaveHalt {
  wave: number;
  action: 'pause' | 'abort';
  /** `abortCriteria`: a criterion fired; `gateFailed`: the wave ended below its gate; `approvalRefused`: `approve` said no. */
  reason: 'abortCriteria' | 'gateFailed' | 'approvalRefused';
  message: string;
}
