import type { CallOptionsV1 } from './call-options-v1.js';

/** Options of {@link AdapterV1.doGetTask}. */
export interface GetTaskOptionsV1 extends CallOptionsV1 {
  taskId: string;
}
