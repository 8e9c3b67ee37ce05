import { FleetcastError } from '../errors/fleetcast-error.js';
import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';

/** A plan's figures, as plain data (survives JSON). */
export interface PlanSummaryData {
  /** Tasks in the plan; each is one create call. */
  tasks: number;
  /** Tasks with an explicit device list. */
  explicitTasks: number;
  /** Tasks whose devices the platform selects. */
  nativeTasks: number;
  /** Create calls needed: one per task. */
  createCalls: number;
  /** Device IDs per explicit task (all 0 when there is none; native tasks have no known count). */
  targetsPerTask: { min: number; max: number; total: number };
}

/** {@link PlanSummaryData} plus the least wall time the platform allows for it. */
export interface PlanSummary extends PlanSummaryData {
  /** See {@link minimumDuration}. */
  minimumDuration(options: MinimumDurationOptions): number;
}

/** The platform limits and task length that bound a plan's duration. */
export interface MinimumDurationOptions {
  /** API calls per minute the app may make. Default 100 (both platforms' default). */
  rateLimitPerMinute?: number;
  /** Unfinished tasks the platform accepts at once. Default 10. */
  maxUnfinishedTasks?: number;
  /** How long one task runs, from create to finish, in milliseconds. */
  taskDurationMs: number;
}

const minuteMs = 60_000;

function positive(name: string, value: number, integer: boolean): number {
  const ok = Number.isFinite(value) && (integer ? Number.isSafeInteger(value) && value >= 1 : value >= 0);
  if (!ok) {
    const expected = integer ? 'a positive integer' : 'a finite number ≥ 0';
    throw new FleetcastError('FLEETCAST_INVALID_OPTIONS', `${name}: ${String(value)} is not ${expected}`);
  }
  return value;
}

/**
 * The least wall time, in milliseconds, that the platform's limits allow for a plan's create calls and
 * tasks. Task `i` (0-based) is created at the earliest instant `t[i]` that respects both limits:
 *
 *     t[i] = max(t[i-1], t[i-R] + 60 000, t[i-M] + D)      (terms with a negative index are 0)
 *
 * where R = rateLimitPerMinute (no more than R calls in any 60 s), M = maxUnfinishedTasks (a task may
 * start only once the one M places before it has finished) and D = taskDurationMs. The plan ends at
 * `t[n-1] + D`; an empty plan takes 0. Only create calls are counted: status polls share the same rate
 * budget in practice, so real campaigns take longer. See docs/planner.md.
 */
export function minimumDuration(
  summary: Pick<PlanSummaryData, 'createCalls'>,
  options: MinimumDurationOptions,
): number {
  const rate = positive('rateLimitPerMinute', options.rateLimitPerMinute ?? 100, true);
  const concurrency = positive('maxUnfinishedTasks', options.maxUnfinishedTasks ?? 10, true);
  const duration = positive('taskDurationMs', options.taskDurationMs, false);
  const calls = positive('createCalls', summary.createCalls, false);
  if (calls === 0) return 0;
  const starts = new Float64Array(calls);
  for (let i = 1; i < calls; i++) {
    let start = starts[i - 1]!;
    if (i >= rate) start = Math.max(start, starts[i - rate]! + minuteMs);
    if (i >= concurrency) start = Math.max(start, starts[i - concurrency]! + duration);
    starts[i] = start;
  }
  return starts[calls - 1]! + duration;
}

/** Adds up a plan's tasks, one at a time (for streams) or all at once via {@link summarizeTasks}. */
export class PlanSummaryBuilder {
  private data: PlanSummaryData = {
    tasks: 0,
    explicitTasks: 0,
    nativeTasks: 0,
    createCalls: 0,
    targetsPerTask: { min: 0, max: 0, total: 0 },
  };

  add(task: TaskPlanV1): void {
    const data = this.data;
    data.tasks++;
    data.createCalls++;
    if (task.kind === 'native') {
      data.nativeTasks++;
      return;
    }
    const count = task.deviceIds.length;
    const targets = data.targetsPerTask;
    targets.min = data.explicitTasks === 0 ? count : Math.min(targets.min, count);
    targets.max = Math.max(targets.max, count);
    targets.total += count;
    data.explicitTasks++;
  }

  build(): PlanSummary {
    const data: PlanSummaryData = { ...this.data, targetsPerTask: { ...this.data.targetsPerTask } };
    // Not enumerable: the summary stays plain data for JSON and deep equality.
    return Object.defineProperty(data, 'minimumDuration', {
      value: (options: MinimumDurationOptions) => minimumDuration(data, options),
      enumerable: false,
    }) as PlanSummary;
  }
}

/** The summary of a list of tasks. */
export function summarizeTasks(tasks: Iterable<TaskPlanV1>): PlanSummary {
  const builder = new PlanSummaryBuilder();
  for (const task of tasks) builder.add(task);
  return builder.build();
}
