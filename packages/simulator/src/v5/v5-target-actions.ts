import { HttpReply } from '../http/http-reply.js';
import { type JsonObject, readStringArray } from '../http/input-problem.js';
import type { SimulatorContext } from '../simulator-context.js';
import { type SimTask, setSubtaskState } from '../tasks/sim-task.js';
import { SubtaskState } from '../tasks/subtask-state.js';
import { targetIdAt } from '../tasks/resolve-targets.js';
import { UPGRADE_TYPES, V5_DEVICE_ID } from './v5-create-request.js';
import { V5_ERRORS, v5Error } from './v5-errors.js';
import { withV5Input } from './v5-input.js';

/** v5 task statuses (reference B2), spelled as the platform does. */
export const V5_TASK_STATUSES = [
  'Initializing',
  'Waitting',
  'Processing',
  'Success',
  'Fail',
  'PartialSuccess',
  'Stopped',
  'Stopping',
] as const;

/** Per reference B4: which task statuses refuse the action and which subtask states it applies to. */
const RULES = {
  stop: {
    types: new Set(['firmwareUpgrade', 'softwareUpgrade']),
    refused: new Set(['Success', 'Fail', 'PartialSuccess', 'Stopped', 'Stopping']),
    from: new Set<number>([SubtaskState.Queued, SubtaskState.AwaitConfirm, SubtaskState.FailWaitRetry]),
    to: SubtaskState.Stopped,
  },
  retry: {
    types: new Set(['firmwareUpgrade', 'softwareUpgrade']),
    refused: new Set(['Success', 'Stopped', 'Stopping', 'Waitting', 'Initializing']),
    from: new Set<number>([
      SubtaskState.Fail,
      SubtaskState.Timeout,
      SubtaskState.FailWaitRetry,
      SubtaskState.Stopped,
    ]),
    to: SubtaskState.Queued,
  },
  confirm: {
    types: UPGRADE_TYPES,
    refused: new Set(['Success', 'Fail', 'PartialSuccess', 'Stopped', 'Stopping']),
    from: new Set<number>([SubtaskState.AwaitConfirm]),
    to: SubtaskState.Queued,
  },
} as const;

/** Per-target error code when a target cannot take the action (from the platform's stop example). */
const TARGET_ERROR = 'IOTDA.014219';

/**
 * Stop, retry or confirm: `{}` applies to every eligible subtask, `{targets}` (≤ 100) to the listed
 * ones, each answered `success` or `failure` in `BatchTargetResult` form.
 */
export function targetAction(
  ctx: SimulatorContext,
  task: SimTask,
  body: JsonObject,
  kind: keyof typeof RULES,
): HttpReply {
  const rule = RULES[kind];
  const targets = withV5Input(() => readStringArray(body, 'targets', { maxItems: 100, item: V5_DEVICE_ID }));
  if (!rule.types.has(task.taskType)) {
    throw v5Error(V5_ERRORS.invalidInput, `${kind} is only for ${[...rule.types].join(', ')} tasks.`);
  }
  if (rule.refused.has(task.status))
    throw v5Error(V5_ERRORS.invalidInput, `${kind} is not allowed while the task is ${task.status}.`);
  const positions = new Map<string, number>();
  for (let index = 0; index < task.targets.length; index++)
    positions.set(targetIdAt(ctx.fleet, task, index), index);
  const results: Record<string, unknown>[] = [];
  const apply = (index: number) => setSubtaskState(task, index, rule.to);
  if (targets === undefined) {
    for (let index = 0; index < task.targets.length; index++) {
      if (!rule.from.has(task.states[index] as number)) continue;
      apply(index);
      results.push({ target: targetIdAt(ctx.fleet, task, index), status: 'success' });
    }
  } else {
    for (const target of targets) {
      const index = positions.get(target);
      if (index === undefined || !rule.from.has(task.states[index] as number)) {
        results.push({
          target,
          status: 'failure',
          error_code: TARGET_ERROR,
          error_msg: `The target cannot be ${kind === 'stop' ? 'stopped' : kind === 'retry' ? 'retried' : 'confirmed'} in its current state.`,
        });
        continue;
      }
      apply(index);
      results.push({ target, status: 'success' });
    }
  }
  const now = ctx.clock.now();
  if (kind === 'stop' && targets === undefined) {
    task.stopAll = true;
    task.status = 'Stopping';
    task.stoppingUntil = now + ctx.settings().stoppingDelayMs;
  } else if (kind === 'retry' && results.some((result) => result.status === 'success')) {
    // A retry re-opens a finished task; it runs again from now.
    if (task.status === 'Fail' || task.status === 'PartialSuccess') {
      task.status = 'Processing';
      task.finishedAt = undefined;
      task.lastTick = now;
      task.credit = 0;
      ctx.store.reactivate(task);
    }
  }
  return new HttpReply(200, { targets: results });
}
