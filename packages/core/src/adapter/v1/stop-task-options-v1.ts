import type { CallOptionsV1 } from './call-options-v1.js';

/** Options of {@link AdapterV1.doStopTask}. */
export interface StopTaskOptionsV1 extends CallOptionsV1 {
  taskId: string;
  /** The subtasks to stop; all eligible ones when omitted. */
  deviceIds?: readonly string[];
}
