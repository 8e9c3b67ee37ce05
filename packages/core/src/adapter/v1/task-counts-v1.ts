/** Subtask (per-device) counters. `total` = the sum of the others. */
export interface TaskCountsV1 {
  total: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  /** Not started yet (legacy Pending, v5 Waitting). */
  pending: number;
  /** Started, no result yet (legacy WaitResult, v5 Processing / FailWaitRetry). */
  running: number;
  stopped: number;
}
