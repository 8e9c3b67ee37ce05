import type { DeviceDirectory } from '../directory/device-directory.js';
import type { RulesPlanOptions } from './expand-rules-target.js';
import type { TargetType } from '../campaign/target-spec.js';
import type { AdapterInfo, ValidationLimits } from '../validation/validation-limits.js';
import type { DeviceRefusal } from './device-refusal.js';
import type { TaskNameRuleV1 } from '../adapter/v1/task-name-rule-v1.js';

/**
 * How to plan a campaign. Explicit fields win over the adapter's capabilities; without either, nothing
 * is native, names follow the v5 rule and tasks hold at most 30,000 IDs.
 */
export interface PlanOptions {
  /** Where non-native targets (and any target with exclusions) are expanded into device IDs. */
  directory?: DeviceDirectory;
  /** Supplies `nativeSelectors`, `taskNameRule`, `maxTargetsPerTask` and the supported operations. */
  adapter?: AdapterInfo;
  /** Target types the platform selects by itself (one native task, no expansion). */
  nativeSelectors?: readonly TargetType[];
  taskNameRule?: TaskNameRuleV1;
  /** Most device IDs in one task; default the adapter's, else 30,000. */
  maxTargetsPerTask?: number;
  /** Records per directory batch (a hint passed to the directory). */
  batchSize?: number;
  /** How a Rules target is evaluated: strict mode, custom operators, where unevaluable devices go. */
  rules?: RulesPlanOptions;
  signal?: AbortSignal;
  /** The present, for validating `policy.scheduleTime`. Default: now. */
  now?: Date;
  /** See `ValidationLimits.requireManufacturerAndModel` (legacy docs disagree). Default false. */
  requireManufacturerAndModel?: boolean;
  /**
   * What to do with a device ID from a directory that breaks the device-ID rule: by default planning stops
   * with `FLEETCAST_INVALID_DEVICE_RECORD`; `true` leaves it out and reports it through `onDeviceRefused`.
   */
  skipInvalidDevices?: boolean;
  /** Receives every device left out: invalid IDs (with `skipInvalidDevices`) and repeated IDs (always dropped). */
  onDeviceRefused?: (refusal: DeviceRefusal) => void;
}

/** The validation limits that go with these planning options. */
export function limitsOf(options: PlanOptions): ValidationLimits {
  return {
    adapter: options.adapter,
    taskNameRule: options.taskNameRule,
    maxTargetsPerTask: options.maxTargetsPerTask,
    now: options.now,
    requireManufacturerAndModel: options.requireManufacturerAndModel,
    ruleOperators: Object.keys(options.rules?.customOperators ?? {}),
  };
}

/** The target types the platform selects by itself under these options: explicit, else the adapter's, else none. */
export function nativeSelectorsOf(options: PlanOptions): readonly TargetType[] {
  return options.nativeSelectors ?? options.adapter?.capabilities.nativeSelectors ?? [];
}
