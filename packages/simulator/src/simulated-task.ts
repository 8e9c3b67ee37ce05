import type { Fleet } from './fleet/fleet.js';
import type { SimTask, TaskApi } from './tasks/sim-task.js';
import { SubtaskState } from './tasks/subtask-state.js';
import { type LifecycleSettings, inFlightIndexes } from './tasks/task-lifecycle.js';
import { requestBody } from './tasks/request-body.js';
import { targetIdAt } from './tasks/resolve-targets.js';

/** A subtask's state as inspection reports it (API-neutral names). */
export type SimulatedSubtaskState =
  | 'queued'
  | 'in-flight'
  | 'success'
  | 'fail'
  | 'timeout'
  | 'expired'
  | 'fail-wait-retry'
  | 'stopped'
  | 'awaiting-confirm'
  | 'removed';

/** One subtask as inspection reports it. */
export interface SimulatedSubtask {
  readonly target: string;
  /** Whether the target is a device of the simulator's fleet. */
  readonly known: boolean;
  readonly state: SimulatedSubtaskState;
  readonly attempts: number;
}

/** Subtask counts by state; they add up to `total`. */
export type SimulatedTaskCounts = Record<SimulatedSubtaskState, number> & { total: number };

/** A created task as tests see it through `sim.tasks()`: identity, status and resolved targets. */
export interface SimulatedTask {
  readonly api: TaskApi;
  readonly taskId: string;
  readonly taskName: string;
  readonly taskType: string;
  /** Legacy app ID or v5 resource space. */
  readonly appId: string;
  /** Platform status name (legacy `Pending`…`Timeout`, v5 `Initializing`…`Stopped`). */
  readonly status: string;
  readonly statusDesc: string;
  /** Simulated epoch ms. */
  readonly createdAt: number;
  readonly startedAt: number | undefined;
  readonly finishedAt: number | undefined;
  /** The create body as the client sent it. */
  readonly request: Readonly<Record<string, unknown>>;
  /** Device IDs of the subtasks in subtask order: explicit lists as sent (deduplicated), selectors resolved. */
  readonly targets: readonly string[];
  /** IDs in `targets` that the fleet does not know (they are failed subtasks). */
  readonly unknownTargets: readonly string[];
  readonly counts: SimulatedTaskCounts;
  /** Every subtask with its state. */
  subtasks(): SimulatedSubtask[];
}

const STATE_NAMES: Record<number, SimulatedSubtaskState> = {
  [SubtaskState.Queued]: 'queued',
  [SubtaskState.Success]: 'success',
  [SubtaskState.Fail]: 'fail',
  [SubtaskState.Timeout]: 'timeout',
  [SubtaskState.Expired]: 'expired',
  [SubtaskState.FailWaitRetry]: 'fail-wait-retry',
  [SubtaskState.Stopped]: 'stopped',
  [SubtaskState.AwaitConfirm]: 'awaiting-confirm',
  [SubtaskState.Removed]: 'removed',
};

/** Snapshots a task for inspection; `targets` is computed on first access. */
export function snapshotTask(fleet: Fleet, task: SimTask, settings: LifecycleSettings): SimulatedTask {
  const inFlight = inFlightIndexes(task, settings);
  const counts = { total: task.targets.length } as SimulatedTaskCounts;
  for (const name of Object.values(STATE_NAMES)) counts[name] = 0;
  counts['in-flight'] = 0;
  for (const [state, name] of Object.entries(STATE_NAMES))
    counts[name] = task.counts[Number(state)] as number;
  counts.queued -= inFlight.size;
  counts['in-flight'] = inFlight.size;
  let targets: string[] | undefined;
  let request: Record<string, unknown> | undefined;
  return {
    api: task.api,
    taskId: task.taskId,
    taskName: task.taskName,
    taskType: task.taskType,
    appId: task.appId,
    status: task.status,
    statusDesc: task.statusDesc,
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    finishedAt: task.finishedAt,
    get request() {
      request ??= requestBody(fleet, task);
      return request;
    },
    get targets() {
      targets ??= Array.from(task.targets, (_, position) => targetIdAt(fleet, task, position));
      return targets;
    },
    unknownTargets: task.unknownIds,
    counts,
    subtasks: () =>
      Array.from(task.targets, (fleetIndex, position) => ({
        target: targetIdAt(fleet, task, position),
        known: fleetIndex >= 0,
        state: inFlight.has(position)
          ? 'in-flight'
          : (STATE_NAMES[task.states[position] as number] as SimulatedSubtaskState),
        attempts: task.attempts[position] as number,
      })),
  };
}
