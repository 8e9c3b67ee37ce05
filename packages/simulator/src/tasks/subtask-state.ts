/**
 * Internal subtask states shared by both APIs. Each API maps them to its own status names
 * (see `legacy-views.ts` and `v5-views.ts`). "In flight" is not stored: while a task runs, the
 * first queued subtasks are the ones being executed.
 */
export const SubtaskState = {
  Queued: 0,
  Success: 1,
  Fail: 2,
  Timeout: 3,
  /** Legacy: never ran because the task's timeout passed first. */
  Expired: 4,
  /** v5: failed, waiting for the task policy's next retry. */
  FailWaitRetry: 5,
  Stopped: 6,
  /** v5 `need_confirm`: waiting for a confirm call. */
  AwaitConfirm: 7,
  Removed: 8,
} as const;

/** One of {@link SubtaskState}'s values. */
export type SubtaskState = (typeof SubtaskState)[keyof typeof SubtaskState];

/** Number of distinct subtask states (size of a task's counter array). */
export const SUBTASK_STATE_COUNT = 9;

/** Error codes the simulator puts on failed subtasks; the references give none for this case. */
export const SUBTASK_ERRORS = {
  deviceNotFound: { code: 'SIM.DEVICE_NOT_FOUND', message: 'The device does not exist.' },
  deviceFailed: { code: 'SIM.DEVICE_FAILED', message: 'The device reported a failure.' },
  deviceTimeout: { code: 'SIM.DEVICE_TIMEOUT', message: 'The device did not answer in time.' },
  taskExpired: { code: 'SIM.TASK_EXPIRED', message: 'The task timed out before this subtask ran.' },
  stopped: { code: 'SIM.STOPPED', message: 'The subtask was stopped.' },
} as const;
