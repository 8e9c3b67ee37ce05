import type { TaskCounts, TaskState } from '../adapter/v1/task-status.js';
import type { PlatformErrorKind } from '../errors/platform-error.js';
import type { ApiCallKind } from './call-budget.js';

/**
 * Where a task ended up:
 * - a platform {@link TaskState} (the last one seen; terminal unless the run stopped early),
 * - `createFailed`: the platform refused it for good,
 * - `unknown`: the runner cannot tell whether it exists (see docs/runner.md, "exactly once"), or it exists
 *   but cannot be read (created without an ID, or lost on the platform),
 * - `notCreated`: the run stopped (cancelled or aborted) before creating it.
 */
export type TaskReportState = TaskState | 'createFailed' | 'unknown' | 'notCreated';

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
  counts?: TaskCounts;
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
  /** `completed`: every task terminal or settled; `cancelled`: the signal fired; `aborted`: a task failed under `onTaskError: 'abort'`. */
  status: 'completed' | 'cancelled' | 'aborted';
  /** True when this run continued a journal (`resumeCampaign`). */
  resumed: boolean;
  tasks: TaskReport[];
  totals: DeviceTotals;
  /** Platform calls this run made, by kind, and their sum. */
  apiCalls: Record<ApiCallKind, number> & { total: number };
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
}
