import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';
import { FleetcastError } from '../errors/fleetcast-error.js';
import { PlatformError } from '../errors/platform-error.js';
import type { TaskRecord } from './campaign-state.js';
import { isPlatformWideFailure } from './is-platform-wide-failure.js';
import { isUnreachableAtStart } from './unreachable-at-start.js';
import { backoffDelay } from './retry-policy.js';
import { type RunContext, pause, pauseUntilChange } from './run-context.js';

/** Platform answers that prove the create did not take effect. Anything else may have created the task. */
const definitelyNotCreated = new Set([
  'throttled',
  'taskLimit',
  'nameExists',
  'invalidInput',
  'auth',
  'notFound',
]);

type Resolution = 'created' | 'unknown' | 'absent' | 'probe-by-create' | 'stopped';

/**
 * Creates one planned task exactly once (docs/runner.md, "Exactly once"):
 * 1. journal an intent, flushed, before every create call;
 * 2. journal `task-created` before anyone hears of the task;
 * 3. after an ambiguous failure, or on resume with an intent and no outcome, ask the platform by name
 *    (`doFindTaskByName`) before creating again; where it cannot be asked but refuses duplicate names,
 *    create again and read "name exists" as "already created" (also once more after the attempts ran out:
 *    the probe is safe there); where neither, report `unknown`.
 * Throws only when the journal cannot be written; every platform outcome is left on `task` and in the journal.
 */
export async function createTaskOnce(context: RunContext, task: TaskRecord, plan: TaskPlanV1): Promise<void> {
  const { adapter, budget, retry, state } = context;
  // A journaled intent without an outcome: the earlier process may have created it.
  // A reopened refused task is treated alike: its name is ours, so ask (or read a duplicate refusal as
  // ours) before creating it again.
  let maybeCreated = task.intents > 0 || task.reopened === true;
  let failures = 0;
  let taskLimitWaits = 0;
  let throttles = 0;
  let taskLimitSince: number | undefined;
  // Out of attempts after an ambiguous failure, a platform that refuses duplicate names (legacy 105002)
  // still allows one more create: it either creates the task or proves the first call committed.
  let finalProbe = false;

  while (true) {
    if (maybeCreated) {
      const resolution = await resolveAmbiguous(context, task);
      if (resolution === 'created' || resolution === 'unknown') return;
      if (resolution === 'stopped') return settleStopped(task, maybeCreated);
      if (resolution === 'absent') maybeCreated = false;
    }
    let release: () => void;
    try {
      release = await budget.acquire('create', context.stopSignal);
    } catch {
      return settleStopped(task, maybeCreated);
    }
    task.intents += 1;
    task.lastIntentAt = context.clock.now();
    try {
      await context.journal({
        type: 'task-intent',
        index: task.index,
        name: task.name,
        attempt: task.intents,
        ...(task.targets === undefined ? {} : { targets: task.targets }),
        kind: plan.kind,
        ...(task.wave === undefined ? {} : { wave: task.wave }),
        at: task.lastIntentAt,
      });
    } catch (journalError) {
      // Not the platform's failure: without a durable intent no call may be made. Stop the run.
      release();
      throw journalError;
    }
    context.emit('task-creating', {
      index: task.index,
      name: task.name,
      kind: plan.kind,
      targets: task.targets,
      attempt: task.intents,
    });
    let error: unknown;
    let created: { taskId: string } | undefined;
    try {
      // No abort signal on purpose: once the intent is journaled the call runs to its answer, so a
      // cancelled run never leaves a task created but unrecorded. Its logins and look-ups draw from the budget.
      created = await adapter.doCreateTask({
        task: plan,
        operation: context.campaign.operation,
        policy: context.campaign.policy,
        meter: budget,
      });
    } catch (caught) {
      error = caught;
    } finally {
      release();
    }
    if (created !== undefined) {
      await markCreated(context, task, created.taskId, 'create');
      return;
    }

    const kind = PlatformError.isInstance(error) ? error.kind : undefined;
    if (isPlatformWideFailure(error) || isUnreachableAtStart(error, state)) {
      // Every further call would be refused the same way: end the run, record nothing against this task
      // (it was not created), so that a resume after the cause is fixed creates it.
      context.platformFailed(error);
      return settleStopped(task, maybeCreated);
    }
    if (kind === 'nameExists' && maybeCreated) {
      // We asked before and the platform may have kept it: this name is our own task.
      await adoptExisting(context, task);
      return;
    }
    if (kind === 'taskLimit') {
      // Only tasks that exist and are being watched can free a slot; other creates under way cannot.
      const others = state.tracked().length;
      state.workingLimit = Math.max(1, Math.min(state.workingLimit, others));
      if (others > 0) {
        // Wait for one of our own running tasks to finish, then try again (no attempt used).
        const finishedBefore = countTerminal(context);
        while (countTerminal(context) === finishedBefore && !context.stopSignal.aborted)
          await pauseUntilChange(context, Number.POSITIVE_INFINITY);
        if (context.stopSignal.aborted) return settleStopped(task, maybeCreated);
        continue;
      }
      taskLimitSince ??= context.clock.now();
      if (context.clock.now() - taskLimitSince < retry.taskLimitWaitMs) {
        taskLimitWaits += 1;
        const delay = Math.max(backoffDelay(retry, Math.min(taskLimitWaits, 30)), retry.baseDelayMs);
        announceRetry(context, task, 'taskLimit', taskLimitWaits, delay, error);
        if (!(await pause(context, delay))) return settleStopped(task, maybeCreated);
        continue;
      }
    }
    if (kind === 'throttled') {
      context.stats.throttles += 1;
      throttles += 1;
      if (throttles <= retry.maxThrottleRetries) {
        const delay = backoffDelay(retry, Math.min(throttles, 30));
        budget.holdFor(delay);
        announceRetry(context, task, 'throttled', throttles, delay, error);
        if (!(await pause(context, delay))) return settleStopped(task, maybeCreated);
        continue;
      }
    }
    const retryable = PlatformError.isInstance(error) ? error.retryable : false;
    // A request that never reached the platform (connection refused) cannot have created anything.
    const unreachable = PlatformError.isInstance(error) && error.unreachable;
    const ambiguous =
      !unreachable &&
      (kind === undefined ? !PlatformError.isInstance(error) : !definitelyNotCreated.has(kind));
    if (ambiguous) maybeCreated = true;
    failures += 1;
    if ((retryable || ambiguous) && failures < retry.maxAttempts) {
      const delay = backoffDelay(retry, failures);
      announceRetry(context, task, kind ?? 'unexpected', failures, delay, error);
      if (!(await pause(context, delay))) return settleStopped(task, maybeCreated);
      continue;
    }
    if (
      maybeCreated &&
      !finalProbe &&
      adapter.capabilities.rejectsDuplicateNames &&
      !(adapter.doFindTaskByName !== undefined)
    ) {
      finalProbe = true;
      const delay = backoffDelay(retry, failures);
      announceRetry(context, task, kind ?? 'unexpected', failures, delay, error);
      if (!(await pause(context, delay))) return settleStopped(task, maybeCreated);
      continue;
    }
    if (maybeCreated) {
      // Out of attempts after an ambiguous answer: one last question, then `unknown`, never a blind create.
      const resolution = await resolveAmbiguous(context, task, true);
      if (resolution === 'created' || resolution === 'unknown') return;
      if (resolution === 'stopped') return settleStopped(task, true);
    }
    await markCreateFailed(context, task, error);
    return;
  }
}

/** Asks the platform whether the task exists, as far as the adapter allows. */
async function resolveAmbiguous(
  context: RunContext,
  task: TaskRecord,
  lastChance = false,
): Promise<Resolution> {
  const { adapter } = context;
  if (adapter.doFindTaskByName !== undefined) {
    // A create that timed out may still be committed by a slow platform: give it time to land first.
    const settledAt = (task.lastIntentAt ?? Number.NEGATIVE_INFINITY) + context.ambiguousSettleMs;
    const wait = Math.min(settledAt - context.clock.now(), context.ambiguousSettleMs);
    if (wait > 0 && !(await pause(context, wait))) return 'stopped';
    const found = await findByName(context, task);
    if (found === 'stopped') return 'stopped';
    if (found === 'failed') {
      await markUnknown(context, task, 'the platform could not be asked whether the task exists');
      return 'unknown';
    }
    if (found !== undefined) {
      await markCreated(context, task, found.taskId, 'lookup');
      return 'created';
    }
    return 'absent';
  }
  if (adapter.capabilities.rejectsDuplicateNames && !lastChance) return 'probe-by-create';
  await markUnknown(
    context,
    task,
    adapter.capabilities.rejectsDuplicateNames
      ? 'create attempts ran out after an ambiguous failure, the last duplicate-name probe included'
      : `adapter "${adapter.name}" can neither find tasks by name nor refuses duplicate names`,
  );
  return 'unknown';
}

/** `doFindTaskByName` within the budget, retried by the policy. */
async function findByName(
  context: RunContext,
  task: TaskRecord,
): Promise<{ taskId: string } | undefined | 'failed' | 'stopped'> {
  const find = context.adapter.doFindTaskByName;
  if (find === undefined) return 'failed';
  let failures = 0;
  let throttles = 0;
  while (true) {
    try {
      return await context.budget.run(
        'find',
        () =>
          find.call(context.adapter, {
            name: task.name,
            operation: context.campaign.operation,
            policy: context.campaign.policy,
            signal: context.stopSignal,
            meter: context.budget,
          }),
        context.stopSignal,
      );
    } catch (error) {
      if (context.stopSignal.aborted) return 'stopped';
      if (isPlatformWideFailure(error)) {
        context.platformFailed(error);
        return 'stopped';
      }
      const kind = PlatformError.isInstance(error) ? error.kind : undefined;
      const retryable = PlatformError.isInstance(error) && error.retryable;
      let retry: number;
      if (kind === 'throttled' && throttles < context.retry.maxThrottleRetries) {
        throttles += 1;
        retry = throttles;
      } else {
        failures += 1;
        if (!retryable || failures >= context.retry.maxAttempts) return 'failed';
        retry = failures;
      }
      const delay = backoffDelay(context.retry, Math.min(retry, 30));
      if (kind === 'throttled') {
        context.stats.throttles += 1;
        context.budget.holdFor(delay);
      }
      context.stats.retries += 1;
      context.emit('task-retrying', {
        index: task.index,
        name: task.name,
        call: 'find',
        retry,
        delayMs: delay,
        reason: kind ?? 'unexpected',
        message: messageOf(error),
      });
      if (!(await pause(context, delay))) return 'stopped';
    }
  }
}

/** "Name exists" after our own possibly-committed create: find its ID where possible, else accept it untracked. */
async function adoptExisting(context: RunContext, task: TaskRecord): Promise<void> {
  if (context.adapter.doFindTaskByName !== undefined) {
    const found = await findByName(context, task);
    if (found !== undefined && typeof found === 'object') {
      await markCreated(context, task, found.taskId, 'lookup');
      return;
    }
  }
  await markCreated(context, task, undefined, 'nameExists');
}

async function markCreated(
  context: RunContext,
  task: TaskRecord,
  taskId: string | undefined,
  via: 'create' | 'lookup' | 'nameExists',
): Promise<void> {
  await context.journal({
    type: 'task-created',
    index: task.index,
    name: task.name,
    ...(taskId === undefined ? {} : { taskId }),
    via,
    at: context.clock.now(),
  });
  task.created = true;
  task.settled = true;
  if (taskId === undefined) {
    // It exists, but without its ID it cannot be read: its outcome is unknown to fleetcast.
    task.state = 'unknown';
    task.terminal = true;
  } else {
    task.taskId = taskId;
    task.state = 'pending';
    task.nextPollAt = -1;
  }
  context.emit('task-created', {
    index: task.index,
    name: task.name,
    ...(taskId === undefined ? {} : { taskId }),
    via,
  });
  context.state.notify();
}

async function markUnknown(context: RunContext, task: TaskRecord, reason: string): Promise<void> {
  await context.journal({
    type: 'task-unknown',
    index: task.index,
    name: task.name,
    reason,
    at: context.clock.now(),
  });
  task.created = 'unknown';
  task.state = 'unknown';
  task.settled = true;
  task.terminal = true;
  task.error = { code: 'FLEETCAST_TASK_UNKNOWN', message: reason };
  context.emit('task-failed', {
    index: task.index,
    name: task.name,
    state: 'unknown',
    code: task.error.code,
    message: reason,
  });
  context.taskErrored();
}

async function markCreateFailed(context: RunContext, task: TaskRecord, error: unknown): Promise<void> {
  const detail = {
    code: PlatformError.isInstance(error) ? error.code : 'FLEETCAST_CREATE_FAILED',
    ...(PlatformError.isInstance(error) ? { kind: error.kind } : {}),
    message: messageOf(error),
  };
  await context.journal({
    type: 'task-create-failed',
    index: task.index,
    name: task.name,
    error: detail,
    at: context.clock.now(),
  });
  task.created = false;
  task.state = 'createFailed';
  task.settled = true;
  task.terminal = true;
  task.error = detail;
  context.emit('task-failed', { index: task.index, name: task.name, state: 'createFailed', ...detail });
  context.taskErrored();
}

/** The run stopped before an outcome: nothing journaled, so a resume picks the task up again. */
function settleStopped(task: TaskRecord, maybeCreated: boolean): void {
  task.created = maybeCreated ? 'unknown' : false;
  task.state = maybeCreated ? 'unknown' : 'notCreated';
}

function announceRetry(
  context: RunContext,
  task: TaskRecord,
  reason: PlatformError['kind'] | 'unexpected',
  retry: number,
  delayMs: number,
  error: unknown,
): void {
  context.stats.retries += 1;
  context.emit('task-retrying', {
    index: task.index,
    name: task.name,
    call: 'create',
    retry,
    delayMs,
    reason,
    message: messageOf(error),
  });
}

function countTerminal(context: RunContext): number {
  let count = 0;
  for (const task of context.state.tasks.values()) if (task.terminal) count += 1;
  return count;
}

/** An error's message for events and the report; fleetcast's own errors never carry secrets. */
export function messageOf(error: unknown): string {
  if (PlatformError.isInstance(error)) return error.message;
  // fleetcast's own errors never carry a secret (a planning error names the field and the limit).
  if (FleetcastError.isInstance(error)) return error.message;
  // Foreign errors may quote a URL or header: keep only their class name.
  if (error instanceof Error) return `${error.name} (details withheld: not a fleetcast error)`;
  return 'unexpected failure';
}
