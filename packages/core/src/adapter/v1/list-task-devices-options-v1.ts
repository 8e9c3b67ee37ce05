import type { CallOptionsV1 } from './call-options-v1.js';

/** Options of {@link AdapterV1.doListTaskDevices}: one page of a task's subtasks. */
export interface ListTaskDevicesOptionsV1 extends CallOptionsV1 {
  taskId: string;
  /** The previous page's `nextCursor`; absent for the first page. */
  cursor?: string;
  pageSize?: number;
}
