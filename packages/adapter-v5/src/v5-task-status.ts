import type { SubtaskStatusV1, TaskStateV1, TaskStatusV1 } from '@fleetcast/core';
import type { V5SubtaskState, V5Task, V5TaskDetail, V5TaskState } from './v5-api.js';

const taskStates: Record<V5TaskState, TaskStateV1> = {
  Initializing: 'pending',
  Waitting: 'pending',
  Processing: 'running',
  // Still changing until it reaches Stopped.
  Stopping: 'running',
  Success: 'succeeded',
  PartialSuccess: 'partiallySucceeded',
  Fail: 'failed',
  Stopped: 'stopped',
};

/**
 * Normalizes a v5 `Task`. Counts come from `task_progress`: `waitting` is pending, `processing` and
 * `fail_wait_retry` are running, `stopped` and `removed` are stopped. v5 has no timeout counter.
 */
export function normalizeV5Task(raw: V5Task): TaskStatusV1 {
  const progress = raw.task_progress ?? {};
  const succeeded = count(progress.success);
  const failed = count(progress.fail);
  const pending = count(progress.waitting);
  const running = count(progress.processing) + count(progress.fail_wait_retry);
  const stopped = count(progress.stopped) + count(progress.removed);
  const sum = succeeded + failed + pending + running + stopped;
  // Any subtask the counters do not account for has not started yet.
  const total = Math.max(count(progress.total), sum);
  const state = taskStates[raw.status] ?? 'running';
  const finished = succeeded + failed + stopped;
  const terminal = state !== 'pending' && state !== 'running';
  return {
    taskId: raw.task_id,
    ...(raw.task_name === undefined ? {} : { name: raw.task_name }),
    state,
    counts: {
      total,
      succeeded,
      failed,
      timedOut: 0,
      pending: pending + (total - sum),
      running,
      stopped,
      ...(count(progress.fail_wait_retry) > 0 ? { waitingRetry: count(progress.fail_wait_retry) } : {}),
    },
    progress: terminal ? 1 : total === 0 ? 0 : Math.min(1, finished / total),
    raw,
  };
}

const subtaskStates: Record<V5SubtaskState, SubtaskStatusV1['state']> = {
  Waitting: 'pending',
  Processing: 'running',
  FailWaitRetry: 'running',
  Success: 'succeeded',
  Fail: 'failed',
  Stopped: 'stopped',
  Removed: 'stopped',
};

/** Normalizes one `task_details` entry. */
export function normalizeV5Subtask(raw: V5TaskDetail): SubtaskStatusV1 {
  const error =
    raw.error && (raw.error.error_code || raw.error.error_msg)
      ? { code: raw.error.error_code ?? '', message: raw.error.error_msg ?? '' }
      : undefined;
  return {
    deviceId: raw.target,
    state: subtaskStates[raw.status] ?? 'running',
    ...(error ? { error } : {}),
    raw,
  };
}

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
