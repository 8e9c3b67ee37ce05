import type { SubtaskStatusV1 } from '../adapter/v1/subtask-status-v1.js';
import type { TaskCountsV1 } from '../adapter/v1/task-counts-v1.js';
import type { TaskStateV1 } from '../adapter/v1/task-state-v1.js';
import type { TaskStatusV1 } from '../adapter/v1/task-status-v1.js';
import type { OperationType } from '../campaign/operation.js';

/** A task as the memory platform holds it. */
export interface MemoryTask {
  taskId: string;
  name: string;
  /** Explicit device IDs, or undefined for a native task. */
  deviceIds: readonly string[] | undefined;
  total: number;
  createdAt: number;
  startsAt: number;
  finishesAt: number;
  operation: OperationType;
  /** Set by a stop: devices not finished by then are stopped. */
  stoppedAt?: number;
  /** Devices retried: when the last retry started and how many runs each has had. */
  retried: Map<string, { at: number; attempt: number }>;
  /** Devices stopped one by one, and when. */
  stoppedDevices: Map<string, number>;
  /** With `trackRunsAcrossTasks`: the run number each device starts with in this task, when above 1. */
  firstAttempt?: Map<string, number>;
}

/** How the memory platform runs a device: how long a (re)run takes, and how its `attempt`-th run ends. */
export interface MemoryRuns {
  duration: number;
  outcome: (deviceId: string, attempt: number) => 'succeeded' | 'failed' | 'timedOut';
}

/** A device's subtask state now: its scheduled run, then stops and retries on top. */
export function memoryDeviceState(
  task: MemoryTask,
  position: number,
  now: number,
  { duration, outcome }: MemoryRuns,
): SubtaskStatusV1['state'] {
  const id = task.deviceIds?.[position] as string;
  const span = task.finishesAt - task.startsAt;
  // Device `position` finishes at its share of the task's span, the last one at `finishesAt`.
  const doneAt = task.startsAt + (span * (position + 1)) / task.total;
  const retry = task.retried.get(id);
  const stoppedAt = Math.min(
    task.stoppedAt ?? Number.POSITIVE_INFINITY,
    task.stoppedDevices.get(id) ?? Number.POSITIVE_INFINITY,
  );
  if (retry !== undefined) {
    if (stoppedAt >= retry.at && stoppedAt < retry.at + duration) return 'stopped';
    return now < retry.at + duration ? 'running' : outcome(id, retry.attempt);
  }
  if (stoppedAt < doneAt && now >= stoppedAt) return 'stopped';
  if (now >= doneAt) return outcome(id, task.firstAttempt?.get(id) ?? 1);
  return now < task.startsAt ? 'pending' : 'running';
}

/** A native task's subtask state now: the platform's own devices all succeed, one after another. */
export function memoryNativeState(task: MemoryTask, position: number, now: number): SubtaskStatusV1['state'] {
  const span = task.finishesAt - task.startsAt;
  const doneAt = task.startsAt + (span * (position + 1)) / task.total;
  if (now >= doneAt) return 'succeeded';
  return now < task.startsAt ? 'pending' : 'running';
}

/** Status of a task now, as `doGetTask` answers it. */
export function memoryTaskStatus(task: MemoryTask, now: number, runs: MemoryRuns): TaskStatusV1 {
  const counts: TaskCountsV1 = {
    total: task.total,
    succeeded: 0,
    failed: 0,
    timedOut: 0,
    pending: 0,
    running: 0,
    stopped: 0,
  };
  if (task.deviceIds !== undefined) {
    for (let position = 0; position < task.total; position++)
      counts[memoryDeviceState(task, position, now, runs)] += 1;
  } else {
    const span = task.finishesAt - task.startsAt;
    const fraction = now < task.startsAt ? 0 : span <= 0 ? 1 : Math.min(1, (now - task.startsAt) / span);
    const done = Math.floor(fraction * task.total);
    counts.succeeded = done;
    if (now < task.startsAt) counts.pending = task.total - done;
    else counts.running = task.total - done;
  }
  const finished = counts.succeeded + counts.failed + counts.timedOut + counts.stopped;
  let state: TaskStateV1 = now < task.startsAt ? 'pending' : 'running';
  if (finished === task.total) {
    state =
      counts.stopped > 0
        ? 'stopped'
        : counts.succeeded === task.total
          ? 'succeeded'
          : counts.succeeded > 0
            ? 'partiallySucceeded'
            : 'failed';
  }
  return {
    taskId: task.taskId,
    name: task.name,
    state,
    counts,
    progress: task.total === 0 ? 1 : finished / task.total,
    raw: { taskId: task.taskId, name: task.name, total: task.total },
  };
}
