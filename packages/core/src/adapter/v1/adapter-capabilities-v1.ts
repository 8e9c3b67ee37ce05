import type { AppIdRuleV1 } from './app-id-rule-v1.js';
import type { OperationType } from '../../campaign/operation.js';
import type { TargetType } from '../../campaign/target-spec.js';
import type { TaskNameRuleV1 } from './task-name-rule-v1.js';

/** What an adapter's platform can do; the planner and runner read only this. */
export interface AdapterCapabilitiesV1 {
  /** Target types the platform selects by itself, without fleetcast expanding device IDs. */
  nativeSelectors: readonly TargetType[];
  supportedOperations: readonly OperationType[];
  /** Most device IDs in one create call (both Huawei platforms: 30,000). */
  maxTargetsPerTask: number;
  taskNameRule: TaskNameRuleV1;
  /** API calls per minute the app may make (both Huawei platforms: 100 by default). */
  rateLimitPerMinute: number;
  /** Most unfinished tasks the platform accepts, or `unknown` when the documents disagree or are silent. */
  maxUnfinishedTasks: number | 'unknown';
  /** Whether the platform refuses a second task with the same name (legacy 105002). */
  rejectsDuplicateNames: boolean;
  /**
   * Operation types whose tasks take `doStopTask` and `doRetryTask` (v5: firmware and software upgrades).
   * Absent or empty: the platform has no such call for any task (legacy); `stopCampaign` says so and
   * `retryCampaign` retries by new tasks.
   */
  taskActions?: { stop: readonly OperationType[]; retry: readonly OperationType[] };
  /**
   * What `policy.appId` may be on this platform. Default: core's `defaultAppIdRule`, the v5 `app_id` rule
   * (the stricter of both platforms); the legacy adapter's is String(64).
   */
  appIdRule?: AppIdRuleV1;
}
