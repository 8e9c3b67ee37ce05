// Former names, kept while other branches still import them from here; use the V1 names (one file each).
import type { SubtaskStatusV1 } from './subtask-status-v1.js';
import type { TaskCountsV1 } from './task-counts-v1.js';
import type { TaskStateV1 } from './task-state-v1.js';
import type { TaskStatusV1 } from './task-status-v1.js';

/** @deprecated Renamed {@link TaskStateV1}. */
export type TaskState = TaskStateV1;
/** @deprecated Renamed {@link TaskCountsV1}. */
export type TaskCounts = TaskCountsV1;
/** @deprecated Renamed {@link TaskStatusV1}. */
export type TaskStatus = TaskStatusV1;
/** @deprecated Renamed {@link SubtaskStatusV1}. */
export type SubtaskStatus = SubtaskStatusV1;
