import type { AdapterCapabilitiesV1 } from '../adapter/v1/adapter-capabilities-v1.js';
import type { AppIdRuleV1 } from '../adapter/v1/app-id-rule-v1.js';
import { defaultAppIdRule } from './default-app-id-rule.js';
import { FleetcastError } from '../errors/fleetcast-error.js';
import type { TaskNameRuleV1 } from '../adapter/v1/task-name-rule-v1.js';
import type { OperationType } from '../campaign/operation.js';
import { defaultTaskNameRule } from './task-name-rules.js';
import { defaultMaxIssuesPerList } from './issue-collector.js';

/** Both platforms accept at most 30,000 device IDs per task. */
export const defaultMaxTargetsPerTask = 30_000;

/** The adapter a campaign is validated or planned for: its name (for messages) and capabilities. */
export interface AdapterInfo {
  name: string;
  capabilities: AdapterCapabilitiesV1;
}

/**
 * The platform limits a campaign is checked against. Explicit fields win over the adapter's
 * capabilities; without either, the stricter of both platforms applies.
 */
export interface ValidationLimits {
  adapter?: AdapterInfo;
  taskNameRule?: TaskNameRuleV1;
  /** Most device IDs per task; at most the adapter's own limit. Default 30,000. */
  maxTargetsPerTask?: number;
  /** Operation types allowed; default the adapter's, else every type. */
  supportedOperations?: readonly OperationType[];
  /** The present, for `policy.scheduleTime` (tests pass a fixed date). Default: now. */
  now?: Date;
  /** Issues reported per list field before one summary replaces the rest. Default 1,000. */
  maxIssuesPerList?: number;
  /**
   * Require `manufacturerId` and `model` on `DeviceType` targets. The legacy documents disagree: the
   * Chinese original marks both optional ("条件可选 … 可填写"), the English translation "mandatory when
   * type is DeviceType". Default false, following the Chinese original.
   */
  requireManufacturerAndModel?: boolean;
  /**
   * Names of the custom rule operators the campaign's Rules target will be evaluated with
   * (`rules.customOperators`); any other operator that is not a built-in is an `unknown_operator` issue.
   * The planner fills it from its `rules` option. Default none.
   */
  ruleOperators?: readonly string[];
}

/** {@link ValidationLimits} with every default applied. */
export interface ResolvedLimits {
  adapterName: string | undefined;
  taskNameRule: TaskNameRuleV1;
  maxTargetsPerTask: number;
  supportedOperations: readonly OperationType[] | undefined;
  now: Date;
  maxIssuesPerList: number;
  requireManufacturerAndModel: boolean;
  appIdRule: AppIdRuleV1;
  ruleOperators: readonly string[];
}

function invalidLimit(field: string, detail: string): FleetcastError {
  return new FleetcastError('FLEETCAST_INVALID_OPTIONS', `${field}: ${detail}`);
}

/**
 * Applies defaults and checks the limits themselves (a caller's mistake, so a thrown
 * `FLEETCAST_INVALID_OPTIONS` error rather than a campaign issue).
 */
export function resolveLimits(limits: ValidationLimits = {}): ResolvedLimits {
  const capabilities = limits.adapter?.capabilities;
  const platformMax = capabilities?.maxTargetsPerTask ?? defaultMaxTargetsPerTask;
  const maxTargetsPerTask = limits.maxTargetsPerTask ?? platformMax;
  if (!Number.isSafeInteger(maxTargetsPerTask) || maxTargetsPerTask < 1) {
    throw invalidLimit('maxTargetsPerTask', `${String(maxTargetsPerTask)} is not a positive integer`);
  }
  if (maxTargetsPerTask > platformMax) {
    const owner = limits.adapter ? `the ${limits.adapter.name} adapter` : 'the platforms';
    throw invalidLimit(
      'maxTargetsPerTask',
      `${maxTargetsPerTask} exceeds ${platformMax}, the limit of ${owner}`,
    );
  }
  const maxIssuesPerList = limits.maxIssuesPerList ?? defaultMaxIssuesPerList;
  if (!Number.isSafeInteger(maxIssuesPerList) || maxIssuesPerList < 0) {
    throw invalidLimit('maxIssuesPerList', `${String(maxIssuesPerList)} is not a non-negative integer`);
  }
  const taskNameRule = limits.taskNameRule ?? capabilities?.taskNameRule ?? defaultTaskNameRule;
  if (!Number.isSafeInteger(taskNameRule.maxLength) || taskNameRule.maxLength < 1) {
    throw invalidLimit(
      'taskNameRule.maxLength',
      `${String(taskNameRule.maxLength)} is not a positive integer`,
    );
  }
  return {
    adapterName: limits.adapter?.name,
    taskNameRule,
    maxTargetsPerTask,
    supportedOperations: limits.supportedOperations ?? capabilities?.supportedOperations,
    now: limits.now ?? new Date(),
    maxIssuesPerList,
    requireManufacturerAndModel: limits.requireManufacturerAndModel ?? false,
    appIdRule: capabilities?.appIdRule ?? defaultAppIdRule,
    ruleOperators: limits.ruleOperators ?? [],
  };
}
