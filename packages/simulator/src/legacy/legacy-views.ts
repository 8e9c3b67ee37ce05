import { compactUtc } from '../compact-utc.js';
import type { Fleet } from '../fleet/fleet.js';
import type { SimTask } from '../tasks/sim-task.js';
import { subtaskError } from '../tasks/subtask-error.js';
import { SubtaskState } from '../tasks/subtask-state.js';
import { requestBody } from '../tasks/request-body.js';
import { targetIdAt } from '../tasks/resolve-targets.js';

/** Legacy subtask statuses (reference A3). */
export const LEGACY_SUBTASK_STATUSES = ['Pending', 'WaitResult', 'Success', 'Fail', 'Timeout'] as const;

/** The legacy status of subtask `index`; expired subtasks show as `Timeout` (they count in expiredCnt). */
export function legacySubtaskStatus(task: SimTask, index: number, inFlight: Set<number>): string {
  switch (task.states[index]) {
    case SubtaskState.Queued:
      return inFlight.has(index) ? 'WaitResult' : 'Pending';
    case SubtaskState.Success:
      return 'Success';
    case SubtaskState.Fail:
      return 'Fail';
    default:
      return 'Timeout';
  }
}

/** Query-one body (`QueryOneTaskOutDTO`): note `taskId` here versus `taskID` in the create response. */
export function legacyTaskView(fleet: Fleet, task: SimTask, withTags: boolean): Record<string, unknown> {
  const c = task.counts;
  const total = task.targets.length;
  const success = c[SubtaskState.Success] as number;
  const fail = c[SubtaskState.Fail] as number;
  const timeout = c[SubtaskState.Timeout] as number;
  const expired = c[SubtaskState.Expired] as number;
  const complete = success + fail + timeout;
  const request = requestBody(fleet, task);
  const view: Record<string, unknown> = {
    appId: task.appId,
    taskId: task.taskId,
    taskName: task.taskName,
    operator: task.appId,
    taskFrom: 'Northbound',
    taskType: task.taskType,
    status: task.status,
    startTime: compactUtc(task.createdAt),
    timeout: request.timeout,
    progress:
      total === 0
        ? task.status === 'Complete'
          ? 1000
          : 0
        : Math.floor(((complete + expired) * 1000) / total),
    totalCnt: total,
    successCnt: success,
    failCnt: fail,
    timeoutCnt: timeout,
    expiredCnt: expired,
    completeCnt: complete,
    successRate: total === 0 ? 0 : Math.floor((success * 1000) / total),
    param: request.param,
  };
  if (withTags) view.tags = request.tags ?? [];
  return view;
}

/** One `taskDetails` item: status, output (on success), error string (on failure) and `{deviceId, commandId}`. */
export function legacySubtaskView(
  fleet: Fleet,
  task: SimTask,
  index: number,
  status: string,
): Record<string, unknown> {
  const deviceId = targetIdAt(fleet, task, index);
  const commandId = `${task.taskId}${index.toString(16).padStart(8, '0')}`;
  const item: Record<string, unknown> = { status, param: { deviceId, commandId } };
  if (status === 'Success') {
    item.output = JSON.stringify({ requestId: commandId, commandResult: { resultCode: 'SUCCESSFUL' } });
  }
  const error = subtaskError(task, index);
  if (error !== undefined) item.error = JSON.stringify({ error_code: error.code, error_desc: error.message });
  return item;
}
