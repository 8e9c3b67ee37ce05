import { type SimTask, setSubtaskState } from './sim-task.js';
import { SubtaskState } from './subtask-state.js';

/** The knobs that drive task execution; read on every step, so changing them takes effect at once. */
export interface LifecycleSettings {
  /** Subtasks one task completes per simulated second. */
  deviceRatePerSecond: number;
  /** Probability that one subtask attempt fails. */
  failureProbability: number;
  /** Probability that one subtask attempt times out (device does not answer). */
  timeoutProbability: number;
  /** How long a v5 task stays `Stopping` after a stop of every subtask. */
  stoppingDelayMs: number;
}

/** How many queued subtasks count as "being executed" while a task runs: about one second's worth. */
export function inFlightWindow(settings: LifecycleSettings): number {
  return Math.min(1000, Math.max(1, Math.ceil(settings.deviceRatePerSecond)));
}

/** Indexes of the subtasks being executed right now (the head of the queue). */
export function inFlightIndexes(task: SimTask, settings: LifecycleSettings): Set<number> {
  const running = task.status === 'Running' || task.status === 'Processing';
  const result = new Set<number>();
  if (!running) return result;
  const window = Math.min(inFlightWindow(settings), task.counts[SubtaskState.Queued] as number);
  for (let offset = 0; result.size < window; offset++) {
    const index = task.queue.peek(offset);
    if (index === undefined) break;
    if (task.states[index] === SubtaskState.Queued) result.add(index);
  }
  return result;
}

/** Number of subtasks being executed right now, without listing them. */
export function inFlightCount(task: SimTask, settings: LifecycleSettings): number {
  const running = task.status === 'Running' || task.status === 'Processing';
  return running ? Math.min(inFlightWindow(settings), task.counts[SubtaskState.Queued] as number) : 0;
}

/** Starts a task at simulated time `at` (the unfinished-task slot check is the store's job). */
export function startTask(task: SimTask, at: number): void {
  task.status = task.api === 'legacy' ? 'Running' : 'Processing';
  task.startedAt = at;
  task.lastTick = at;
  task.credit = 0;
}

/**
 * Moves one task forward to simulated time `now`: starts a pending legacy task, completes subtasks
 * at the configured rate with seeded outcomes, applies the legacy task timeout and the v5 retry
 * policy, and settles the final status. v5 tasks leave `Waitting` through the store, which owns
 * the unfinished-task slots.
 */
export function advanceTask(task: SimTask, now: number, settings: LifecycleSettings): void {
  if (task.status === 'Pending' && now >= task.readyAt) startTask(task, task.readyAt);
  if (task.status === 'Initializing' && now >= task.initializedAt) task.status = 'Waitting';
  if (task.status === 'Running') advanceLegacy(task, now, settings);
  else if (task.status === 'Processing') advanceV5(task, now, settings);
  else if (task.status === 'Stopping' && task.stoppingUntil !== undefined && now >= task.stoppingUntil) {
    task.status = 'Stopped';
    task.finishedAt = task.stoppingUntil;
  }
}

function advanceLegacy(task: SimTask, now: number, settings: LifecycleSettings): void {
  const deadline = (task.startedAt as number) + (task.timeoutMs ?? Number.POSITIVE_INFINITY);
  const lastDone = drain(task, Math.min(now, deadline), settings);
  if (task.counts[SubtaskState.Queued] === 0) {
    task.status = 'Complete';
    task.finishedAt = lastDone;
    return;
  }
  if (now >= deadline) {
    // Subtasks already sent time out; the ones never sent expire (expiredCnt).
    const sent = inFlightIndexes(task, settings);
    for (let index = task.queue.shift(); index !== undefined; index = task.queue.shift()) {
      if (task.states[index] !== SubtaskState.Queued) continue;
      setSubtaskState(task, index, sent.has(index) ? SubtaskState.Timeout : SubtaskState.Expired);
    }
    task.status = 'Timeout';
    task.finishedAt = deadline;
  }
}

function advanceV5(task: SimTask, now: number, settings: LifecycleSettings): void {
  const lastDone = drain(task, now, settings);
  const c = task.counts;
  const open =
    (c[SubtaskState.Queued] as number) +
    (c[SubtaskState.FailWaitRetry] as number) +
    (c[SubtaskState.AwaitConfirm] as number);
  if (open > 0) return;
  const total = task.targets.length;
  const success = c[SubtaskState.Success] as number;
  const stopped = c[SubtaskState.Stopped] as number;
  task.finishedAt = lastDone;
  if (total === 0) {
    task.status = 'Fail';
    task.statusDesc = task.statusDesc || 'The task has no target devices.';
  } else if (success === total) task.status = 'Success';
  else if (stopped > 0 && success === 0 && stopped === total - (c[SubtaskState.Removed] as number))
    task.status = 'Stopped';
  else if (success === 0) task.status = 'Fail';
  else task.status = 'PartialSuccess';
}

/**
 * Completes queued subtasks up to `horizon`, one at a time at the configured rate, each at its own
 * simulated instant, so retry waits and finish times are exact however rarely the task is observed.
 * Returns the instant of the last completion when nothing is left to run, otherwise `horizon`.
 */
function drain(task: SimTask, horizon: number, settings: LifecycleSettings): number {
  if (horizon <= task.lastTick) return task.lastTick;
  const rate = settings.deviceRatePerSecond;
  let time = task.lastTick;
  let lastDone = time;
  task.lastTick = horizon;
  if (rate <= 0) return horizon;
  const msPerSubtask = 1000 / rate;
  for (;;) {
    const nextDone = time + (1 - task.credit) * msPerSubtask;
    requeueDueRetries(task, Math.min(nextDone, horizon));
    if ((task.counts[SubtaskState.Queued] as number) === 0) {
      // Idle: jump to the next retry if it falls before the horizon, else stop here.
      task.credit = 0;
      const retry = task.retries[0];
      if (retry !== undefined && retry.at <= horizon) {
        time = retry.at;
        continue;
      }
      return retry === undefined ? lastDone : horizon;
    }
    if (nextDone > horizon) {
      task.credit += (horizon - time) / msPerSubtask;
      return horizon;
    }
    const index = nextQueued(task) as number;
    time = nextDone;
    lastDone = time;
    task.credit = 0;
    completeSubtask(task, index, time, settings);
  }
}

function nextQueued(task: SimTask): number | undefined {
  for (let index = task.queue.shift(); index !== undefined; index = task.queue.shift()) {
    if (task.states[index] === SubtaskState.Queued) return index;
  }
  return undefined;
}

function requeueDueRetries(task: SimTask, horizon: number): void {
  let due = 0;
  while (due < task.retries.length && (task.retries[due] as { at: number }).at <= horizon) due++;
  if (due === 0) return;
  for (const { index } of task.retries.splice(0, due)) {
    if (task.states[index] === SubtaskState.FailWaitRetry) setSubtaskState(task, index, SubtaskState.Queued);
  }
}

function completeSubtask(task: SimTask, index: number, at: number, settings: LifecycleSettings): void {
  task.attempts[index] = Math.min(255, (task.attempts[index] as number) + 1);
  const r = task.random.next();
  let outcome: SubtaskState = SubtaskState.Success;
  if (r < settings.failureProbability) outcome = SubtaskState.Fail;
  else if (r < settings.failureProbability + settings.timeoutProbability) outcome = SubtaskState.Timeout;
  if (
    outcome !== SubtaskState.Success &&
    task.api === 'v5' &&
    (task.attempts[index] as number) <= task.retryCount
  ) {
    setSubtaskState(task, index, SubtaskState.FailWaitRetry);
    task.retries.push({ index, at: at + task.retryIntervalMs });
    return;
  }
  setSubtaskState(task, index, outcome);
}
