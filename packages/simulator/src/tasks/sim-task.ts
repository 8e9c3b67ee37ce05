import type { SeededRandom } from '../seeded-random.js';
import { IndexQueue } from './index-queue.js';
import { SUBTASK_STATE_COUNT, SubtaskState } from './subtask-state.js';

/** Which API a task was created through. */
export type TaskApi = 'legacy' | 'v5';

/** Legacy task statuses (reference A2). */
export type LegacyTaskStatus = 'Pending' | 'Running' | 'Complete' | 'Timeout';
/** v5 task statuses, with the platform's spelling `Waitting` (reference B6). */
export type V5TaskStatus =
  | 'Initializing'
  | 'Waitting'
  | 'Processing'
  | 'Success'
  | 'Fail'
  | 'PartialSuccess'
  | 'Stopping'
  | 'Stopped';

/** Everything the simulator knows about one batch task. Mutated only by the task store and lifecycle. */
export interface SimTask {
  readonly api: TaskApi;
  readonly seq: number;
  readonly taskId: string;
  readonly taskName: string;
  readonly taskType: string;
  /** Legacy app ID or v5 resource space (`app_id`). */
  readonly appId: string;
  readonly createdAt: number;
  /**
   * The request body as the client sent it, without its explicit device list (`explicitList` says
   * where it was): 30,000 IDs per task would dominate memory, and the list is rebuilt from `targets`.
   */
  readonly request: Readonly<Record<string, unknown>>;
  readonly explicitList: 'targets' | 'param.deviceList' | undefined;
  /** Fleet index per subtask, or `-1 - k` for the k-th unknown device ID. */
  readonly targets: Int32Array;
  readonly unknownIds: readonly string[];
  readonly states: Uint8Array;
  readonly attempts: Uint8Array;
  /** Subtasks per {@link SubtaskState}. */
  readonly counts: Int32Array;
  /** Subtask indexes waiting to run; entries no longer Queued are skipped when reached. */
  readonly queue: IndexQueue;
  /** v5 retry policy waits, in time order. */
  retries: { index: number; at: number }[];
  status: LegacyTaskStatus | V5TaskStatus;
  statusDesc: string;
  /** Earliest instant the task may start (pending delay, initialising delay or schedule_time). */
  readyAt: number;
  /** v5: when `Initializing` ends (the task then waits for readyAt and a free slot as `Waitting`). */
  readonly initializedAt: number;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  lastTick: number;
  credit: number;
  /** Legacy task timeout in ms, from `timeout` and the configured unit. */
  readonly timeoutMs: number | undefined;
  readonly retryCount: number;
  readonly retryIntervalMs: number;
  stopAll: boolean;
  stoppingUntil: number | undefined;
  readonly random: SeededRandom;
}

/** Builds a task with every subtask in `initial` state (Queued, or AwaitConfirm for `need_confirm`). */
export function createSimTask(init: {
  api: TaskApi;
  seq: number;
  taskId: string;
  taskName: string;
  taskType: string;
  appId: string;
  createdAt: number;
  request: Readonly<Record<string, unknown>>;
  explicitList?: 'targets' | 'param.deviceList';
  targets: Int32Array;
  unknownIds: readonly string[];
  status: SimTask['status'];
  readyAt: number;
  initializedAt?: number;
  timeoutMs?: number;
  retryCount?: number;
  retryIntervalMs?: number;
  awaitConfirm?: boolean;
  random: SeededRandom;
}): SimTask {
  const total = init.targets.length;
  const states = new Uint8Array(total);
  const counts = new Int32Array(SUBTASK_STATE_COUNT);
  const queue = new IndexQueue(total);
  const initial = init.awaitConfirm ? SubtaskState.AwaitConfirm : SubtaskState.Queued;
  for (let index = 0; index < total; index++) {
    // Unknown devices fail at once, as on the platform; they never enter the queue.
    const state = (init.targets[index] as number) < 0 ? SubtaskState.Fail : initial;
    states[index] = state;
    counts[state] = (counts[state] as number) + 1;
    if (state === SubtaskState.Queued) queue.push(index);
  }
  return {
    api: init.api,
    seq: init.seq,
    taskId: init.taskId,
    taskName: init.taskName,
    taskType: init.taskType,
    appId: init.appId,
    createdAt: init.createdAt,
    request: init.request,
    explicitList: init.explicitList,
    targets: init.targets,
    unknownIds: init.unknownIds,
    states,
    attempts: new Uint8Array(total),
    counts,
    queue,
    retries: [],
    status: init.status,
    statusDesc: '',
    readyAt: init.readyAt,
    initializedAt: init.initializedAt ?? init.readyAt,
    startedAt: undefined,
    finishedAt: undefined,
    lastTick: init.readyAt,
    credit: 0,
    timeoutMs: init.timeoutMs,
    retryCount: init.retryCount ?? 0,
    retryIntervalMs: init.retryIntervalMs ?? 0,
    stopAll: false,
    stoppingUntil: undefined,
    random: init.random,
  };
}

/** Moves one subtask to a new state and keeps the counters in step. */
export function setSubtaskState(task: SimTask, index: number, state: SubtaskState): void {
  const previous = task.states[index] as number;
  if (previous === state) return;
  task.counts[previous] = (task.counts[previous] as number) - 1;
  task.counts[state] = (task.counts[state] as number) + 1;
  task.states[index] = state;
  if (state === SubtaskState.Queued) task.queue.push(index);
}

/** Whether a task has reached a status it never leaves on its own. */
export function isTerminal(task: SimTask): boolean {
  switch (task.status) {
    case 'Complete':
    case 'Timeout':
    case 'Success':
    case 'Fail':
    case 'PartialSuccess':
    case 'Stopped':
      return true;
    default:
      return false;
  }
}

/** Whether the task is executing subtasks right now (holds one of the unfinished-task slots). */
export function isRunning(task: SimTask): boolean {
  return task.status === 'Running' || task.status === 'Processing' || task.status === 'Stopping';
}
