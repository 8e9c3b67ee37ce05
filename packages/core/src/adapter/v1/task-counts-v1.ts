/** Subtask (per-device) counters. `total` = the sum of the six state counters (`waitingRetry` is part of `running`). */
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
  /**
   * Of `running`: subtasks that failed and wait for the platform's own retry (`policy.retryInterval`
   * minutes; v5 `fail_wait_retry`). Present only when the platform reports some.
   */
  waitingRetry?: number;
}
