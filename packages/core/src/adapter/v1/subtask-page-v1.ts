import type { SubtaskStatusV1 } from './subtask-status-v1.js';

/** A page of subtasks. */
export interface SubtaskPageV1 {
  items: SubtaskStatusV1[];
  /** Pass back to get the next page; absent on the last page. */
  nextCursor?: string;
}
