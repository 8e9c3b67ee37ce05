import type { CallOptionsV1 } from './call-options-v1.js';

/** Options of {@link AdapterV1.doRetryTask}. */
export interface RetryTaskOptionsV1 extends CallOptionsV1 {
  taskId: string;
  /** The subtasks to retry; all eligible ones when omitted. */
  deviceIds?: readonly string[];
}
