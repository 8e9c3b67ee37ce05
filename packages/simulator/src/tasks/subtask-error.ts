import type { SimTask } from './sim-task.js';
import { SUBTASK_ERRORS, SubtaskState } from './subtask-state.js';

/** The error a subtask carries in its current state, or undefined; each API writes it in its own form. */
export function subtaskError(task: SimTask, index: number): { code: string; message: string } | undefined {
  switch (task.states[index]) {
    case SubtaskState.Fail:
      // Unknown device IDs are failed at creation; known devices fail by the seeded outcome.
      return (task.targets[index] as number) < 0
        ? SUBTASK_ERRORS.deviceNotFound
        : SUBTASK_ERRORS.deviceFailed;
    case SubtaskState.FailWaitRetry:
      return SUBTASK_ERRORS.deviceFailed;
    case SubtaskState.Timeout:
      return SUBTASK_ERRORS.deviceTimeout;
    case SubtaskState.Expired:
      return SUBTASK_ERRORS.taskExpired;
    case SubtaskState.Stopped:
      return SUBTASK_ERRORS.stopped;
    default:
      return undefined;
  }
}
