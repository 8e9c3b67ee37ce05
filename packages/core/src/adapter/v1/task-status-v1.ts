import type { TaskCountsV1 } from './task-counts-v1.js';
import type { TaskStateV1 } from './task-state-v1.js';

/** A platform task's status in fleetcast's terms, plus the platform's own object. */
export interface TaskStatusV1 {
  taskId: string;
  name?: string;
  state: TaskStateV1;
  counts: TaskCountsV1;
  /** Fraction of subtasks finished, 0..1. */
  progress: number;
  /** The platform's response, untouched. */
  raw: unknown;
}
