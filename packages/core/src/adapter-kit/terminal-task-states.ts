import type { TaskStateV1 } from '../adapter/v1/task-state-v1.js';

/** States after which a task never changes again. */
export const terminalTaskStates: ReadonlySet<TaskStateV1> = new Set([
  'succeeded',
  'partiallySucceeded',
  'failed',
  'stopped',
  'timedOut',
]);
