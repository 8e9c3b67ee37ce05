import type { NativeTarget } from '../../campaign/target-spec.js';

/** One platform task the planner decided on. */
export type TaskPlanV1 = NativeTaskPlanV1 | ExplicitTaskPlanV1;

/** Fields shared by both kinds of task. */
interface TaskPlanBase {
  /** Deterministic, unique within the plan, valid under the platform's task-name rule. */
  name: string;
  /** 0-based position in the plan. */
  index: number;
  /** 0-based rollout wave, when the campaign has waves. */
  wave?: number;
}

/** The platform selects the devices itself (e.g. legacy DeviceType, v5 `targets_filter`). */
export interface NativeTaskPlanV1 extends TaskPlanBase {
  kind: 'native';
  target: NativeTarget;
}

/** An explicit list of 1..maxTargetsPerTask device IDs. */
export interface ExplicitTaskPlanV1 extends TaskPlanBase {
  kind: 'explicit';
  deviceIds: string[];
}
