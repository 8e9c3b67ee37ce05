import type { TaskStatusV1 } from '../adapter/v1/task-status-v1.js';
import { terminalTaskStates } from '../adapter-kit/terminal-task-states.js';
import { PlatformError } from '../errors/platform-error.js';
import type { TaskRecord } from './campaign-state.js';
import { messageOf } from './create-task-once.js';
import { isPlatformWideFailure } from './is-platform-wide-failure.js';
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
 * Polls under way at once, at most. Two, so that one slow answer does not hold up every other task's
 * poll (one at a time, `running × round trip` sets the pace once it exceeds the interval), and no more:
 * a v5 status answer echoes up to 30,000 target IDs, and more overlapping answers cost memory (the
 * 1 M-device benchmark's peak RSS nearly doubled with 8) without more polls where the CPU is the limit.
 * The budget paces every poll either way.
 */
const maxPollsInFlight = 2;

/**
 * Polls created tasks until each is terminal: each task once per {@link pollInterval}, counted from when
 * its previous poll was sent, several tasks at once when answers are slow. Returns when `done()` says no
 * more tasks will come and none is left running, or when the run stops (after the polls under way ended).
 */
export async function pollTasks(
  context: RunContext,
  poll: ResolvedPollOptions,
  done: () => boolean,
  onRound: () => void | Promise<void>,
): Promise<void> {
  const { state, clock } = context;
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  while (!context.stopSignal.aborted && failure === undefined) {
    const tracked = state.tracked();
    if (tracked.length === 0) {
      if (done() && inFlight.size === 0) break;
      await pauseUntilChange(context, Number.POSITIVE_INFINITY);
      continue;
    }
    const interval = pollInterval(poll, tracked.length, context.budget.callsPerMinute);
    // A task created a moment ago (marked -1) is first polled one interval later.
    for (const task of tracked) if (task.nextPollAt < 0) task.nextPollAt = clock.now() + interval;
    let next: TaskRecord | undefined;
    for (const task of tracked) {
      if (task.polling !== true && (next === undefined || task.nextPollAt < next.nextPollAt)) next = task;
    }
    const wait = next === undefined ? Number.POSITIVE_INFINITY : next.nextPollAt - clock.now();
    if (next === undefined || wait > 0 || inFlight.size >= maxPollsInFlight) {
      // A poll that ends notifies the state, which wakes this wait.
      await pauseUntilChange(context, inFlight.size >= maxPollsInFlight ? Number.POSITIVE_INFINITY : wait);
      continue;
    }
    const task = next;
    task.polling = true;
    const polled: Promise<void> = (async () => {
      await pollOne(context, task, interval);
      await onRound();
    })()
      .catch((error: unknown) => {
        // A journal failure: stop polling and hand it to the run.
        failure ??= { error };
      })
      .finally(() => {
        task.polling = false;
        inFlight.delete(polled);
        state.notify();
      });
    inFlight.add(polled);
  }
  await Promise.allSettled([...inFlight]);
  if (failure !== undefined) throw failure.error;
}

async function pollOne(context: RunContext, task: TaskRecord, interval: number): Promise<void> {
  const { adapter, clock } = context;
  const taskId = task.taskId as string;
  let status: TaskStatusV1;
  let sentAt = clock.now();
  try {
    status = await context.budget.run(
      'poll',
      () => {
        sentAt = clock.now();
        return adapter.doGetTask({ taskId, signal: context.stopSignal, meter: context.budget });
      },
      context.stopSignal,
    );
  } catch (error) {
    await pollFailed(context, task, taskId, interval, error);
    return;
  }
  task.pollFailures = 0;
  // From when this poll was sent: the round trip does not stretch the interval.
  task.nextPollAt = sentAt + interval;
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
  if (isPlatformWideFailure(error)) {
    context.platformFailed(error);
    return;
  }
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
