import { compactUtc } from '../compact-utc.js';
import type { Fleet } from '../fleet/fleet.js';
import type { SimTask } from '../tasks/sim-task.js';
import { subtaskError } from '../tasks/subtask-error.js';
import { SubtaskState } from '../tasks/subtask-state.js';
import { type LifecycleSettings, inFlightCount } from '../tasks/task-lifecycle.js';
import { requestBody } from '../tasks/request-body.js';
import { targetIdAt } from '../tasks/resolve-targets.js';

/** Values of the show API's `task_detail_status` filter (reference B3). */
export const V5_DETAIL_STATUSES = [
  'Success',
  'Fail',
  'Processing',
  'FailWaitRetry',
  'Stopped',
  'Waitting',
  'Removed',
] as const;

/** The v5 status of subtask `index`. Device timeouts have no v5 status of their own and show as `Fail`. */
export function v5SubtaskStatus(task: SimTask, index: number, inFlight: Set<number>): string {
  switch (task.states[index]) {
    case SubtaskState.Queued:
      return inFlight.has(index) ? 'Processing' : 'Waitting';
    case SubtaskState.AwaitConfirm:
      return 'Waitting';
    case SubtaskState.Success:
      return 'Success';
    case SubtaskState.FailWaitRetry:
      return 'FailWaitRetry';
    case SubtaskState.Stopped:
      return 'Stopped';
    case SubtaskState.Removed:
      return 'Removed';
    default:
      return 'Fail';
  }
}

/** `TaskProgress`: every subtask is counted exactly once, so the fields add up to `total`. */
export function v5Progress(task: SimTask, settings: LifecycleSettings): Record<string, number> {
  const c = task.counts;
  const processing = inFlightCount(task, settings);
  return {
    total: task.targets.length,
    processing,
    success: c[SubtaskState.Success] as number,
    fail:
      (c[SubtaskState.Fail] as number) +
      (c[SubtaskState.Timeout] as number) +
      (c[SubtaskState.Expired] as number),
    waitting: (c[SubtaskState.Queued] as number) - processing + (c[SubtaskState.AwaitConfirm] as number),
    fail_wait_retry: c[SubtaskState.FailWaitRetry] as number,
    stopped: c[SubtaskState.Stopped] as number,
    removed: c[SubtaskState.Removed] as number,
  };
}

/**
 * The `Task` object (reference B6): the create body echoed, plus status, progress and create_time.
 * `document_source` is accepted on create but is in neither the document's response table nor the SDK's
 * Task model, so it is not echoed.
 */
export function v5TaskView(
  fleet: Fleet,
  task: SimTask,
  settings: LifecycleSettings,
): Record<string, unknown> {
  const r = requestBody(fleet, task);
  const view: Record<string, unknown> = {
    task_id: task.taskId,
    task_name: task.taskName,
    task_type: task.taskType,
  };
  for (const key of [
    'task_mode',
    'need_confirm',
    'task_ext_info',
    'targets',
    'targets_filter',
    'document',
    'task_policy',
  ]) {
    if (r[key] !== undefined) view[key] = r[key];
  }
  view.status = task.status;
  view.status_desc = task.statusDesc;
  view.task_progress = v5Progress(task, settings);
  view.create_time = compactUtc(task.createdAt);
  return view;
}

/** A `TaskDetail`: target, status, output and `{error_code, error_msg}`. */
export function v5SubtaskView(
  fleet: Fleet,
  task: SimTask,
  index: number,
  status: string,
): Record<string, unknown> {
  const item: Record<string, unknown> = { target: targetIdAt(fleet, task, index), status };
  if (status === 'Success') item.output = JSON.stringify({ result: 'success' });
  const error = subtaskError(task, index);
  if (error !== undefined) item.error = { error_code: error.code, error_msg: error.message };
  return item;
}
