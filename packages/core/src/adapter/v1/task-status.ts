/** Normalized state of a platform task. */
export type TaskState =
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'partiallySucceeded'
  | 'failed'
  | 'stopped'
  | 'timedOut';

/** States after which a task never changes again. */
export const terminalTaskStates: ReadonlySet<TaskState> = new Set([
  'succeeded',
  'partiallySucceeded',
  'failed',
  'stopped',
  'timedOut',
]);

/** Subtask (per-device) counters. `total` = the sum of the six state counters (`waitingRetry` is part of `running`). */
export interface TaskCounts {
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

/** A platform task's status in fleetcast's terms, plus the platform's own object. */
export interface TaskStatus {
  taskId: string;
  name?: string;
  state: TaskState;
  counts: TaskCounts;
  /** Fraction of subtasks finished, 0..1. */
  progress: number;
  /** The platform's response, untouched. */
  raw: unknown;
}

/** One device's subtask in fleetcast's terms. */
export interface SubtaskStatus {
  deviceId: string;
  state: 'pending' | 'running' | 'succeeded' | 'failed' | 'timedOut' | 'stopped';
  error?: { code: string; message: string };
  raw: unknown;
}
