import { type TaskStatus, terminalTaskStates } from '../adapter/v1/task-status.js';
import { PlatformError } from '../errors/platform-error.js';
import type { TaskRecord } from './campaign-state.js';
import { messageOf } from './create-task-once.js';
import { backoffDelay } from './retry-policy.js';
import { type RunContext, pauseUntilChange } from './run-context.js';

/** How status polling spends the budget. */
export interface PollOptions {
  /** Share of the calls/minute budget polling may use, 0.05–1. Default 0.5 (the rest stays for creates). */
  budgetShare?: number;
  /** Shortest interval between two polls of one task. Default 2,000 ms. */
  minIntervalMs?: number;
  /** Longest interval between two polls of one task. Default 60,000 ms. */
  maxIntervalMs?: number;
}

/** Poll settings with defaults applied. */
export interface ResolvedPollOptions {
  budgetShare: number;
  minIntervalMs: number;
  maxIntervalMs: number;
}

/**
 * Interval between polls of one task when `running` tasks are being watched: the polls of all of them
 * together use at most `budgetShare` of the calls per minute, within the configured bounds.
 */
export function pollInterval(options: ResolvedPollOptions, running: number, callsPerMinute: number): number {
  const spread = (Math.max(1, running) * 60_000) / (callsPerMinute * options.budgetShare);
  return Math.min(options.maxIntervalMs, Math.max(options.minIntervalMs, Math.ceil(spread)));
}

/**
 * Polls created tasks until each is terminal. Returns when `done()` says no more tasks will come and
 * none is left running, or when the run stops.
 */
export async function pollTasks(
  context: RunContext,
  poll: ResolvedPollOptions,
  done: () => boolean,
  onRound: () => void | Promise<void>,
): Promise<void> {
  const { state, clock } = context;
  while (!context.stopSignal.aborted) {
    const tracked = state.tracked();
    if (tracked.length === 0) {
      if (done()) return;
      await pauseUntilChange(context, Number.POSITIVE_INFINITY);
      continue;
    }
    const interval = pollInterval(poll, tracked.length, context.budget.callsPerMinute);
    // A task created a moment ago (marked -1) is first polled one interval later.
    for (const task of tracked) if (task.nextPollAt < 0) task.nextPollAt = clock.now() + interval;
    let next = tracked[0] as TaskRecord;
    for (const task of tracked) if (task.nextPollAt < next.nextPollAt) next = task;
    const wait = next.nextPollAt - clock.now();
    if (wait > 0) {
      await pauseUntilChange(context, wait);
      continue;
    }
    await pollOne(context, next, interval);
    await onRound();
  }
}

async function pollOne(context: RunContext, task: TaskRecord, interval: number): Promise<void> {
  const { adapter, clock } = context;
  const taskId = task.taskId as string;
  let status: TaskStatus;
  try {
    status = await context.budget.run(
      'poll',
      () => adapter.doGetTask(taskId, { signal: context.stopSignal, meter: context.budget }),
      context.stopSignal,
    );
  } catch (error) {
    await pollFailed(context, task, taskId, interval, error);
    return;
  }
  task.pollFailures = 0;
  task.nextPollAt = clock.now() + interval;
  const changed =
    status.state !== task.state || JSON.stringify(status.counts) !== JSON.stringify(task.counts);
  task.state = status.state;
  task.counts = { ...status.counts };
  if (task.kind === 'native') task.targets = status.counts.total;
  if (terminalTaskStates.has(status.state)) {
    // A journal failure propagates (and stops the run); it is not a failed poll.
    await context.journal({
      type: 'task-finished',
      index: task.index,
      taskId,
      state: status.state,
      counts: status.counts,
      at: clock.now(),
    });
    task.terminal = true;
  }
  if (changed || task.terminal) {
    context.emit('task-progress', {
      index: task.index,
      name: task.name,
      taskId,
      state: status.state,
      counts: { ...status.counts },
      progress: status.progress,
      terminal: task.terminal,
    });
  }
  context.state.notify();
}

async function pollFailed(
  context: RunContext,
  task: TaskRecord,
  taskId: string,
  interval: number,
  error: unknown,
): Promise<void> {
  const { clock } = context;
  if (context.stopSignal.aborted) return;
  const kind = PlatformError.isInstance(error) ? error.kind : undefined;
  if (kind === 'notFound') {
    // The task vanished (deleted by someone else): its outcome can no longer be read.
    await context.journal({
      type: 'task-finished',
      index: task.index,
      taskId,
      state: 'unknown',
      at: clock.now(),
    });
    task.state = 'unknown';
    task.terminal = true;
    task.error = { code: (error as PlatformError).code, kind, message: messageOf(error) };
    context.emit('task-progress', {
      index: task.index,
      name: task.name,
      taskId,
      state: 'unknown',
      progress: 0,
      terminal: true,
    });
    context.state.notify();
    return;
  }
  // Anything else is waited out: a poll changes nothing on the platform, so it is always safe to repeat.
  task.pollFailures = (task.pollFailures ?? 0) + 1;
  const delay = Math.max(interval, backoffDelay(context.retry, Math.min(task.pollFailures, 30)));
  if (kind === 'throttled') {
    context.stats.throttles += 1;
    context.budget.holdFor(backoffDelay(context.retry, Math.min(task.pollFailures, 30)));
  }
  context.stats.retries += 1;
  task.nextPollAt = clock.now() + delay;
  context.emit('task-retrying', {
    index: task.index,
    name: task.name,
    call: 'poll',
    retry: task.pollFailures,
    delayMs: delay,
    reason: kind ?? 'unexpected',
    message: messageOf(error),
  });
}
