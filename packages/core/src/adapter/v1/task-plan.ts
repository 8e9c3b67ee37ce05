// Former names, kept while other branches still import them from here; use the V1 names.
import type { ExplicitTaskPlanV1, NativeTaskPlanV1, TaskPlanV1 } from './task-plan-v1.js';

/** @deprecated Renamed {@link TaskPlanV1}. */
export type TaskPlan = TaskPlanV1;
/** @deprecated Renamed {@link NativeTaskPlanV1}. */
export type NativeTaskPlan = NativeTaskPlanV1;
/** @deprecated Renamed {@link ExplicitTaskPlanV1}. */
export type ExplicitTaskPlan = ExplicitTaskPlanV1;
