import { match } from 'ts-pattern';
import { targetTypes, type TargetType } from '../campaign/target-spec.js';
import { invalidDeviceIdMessage, isValidDeviceId } from './device-id.js';
import { describeValue, isPlainObject } from '../errors/describe-value.js';
import {
  checkKnownFields,
  checkListLength,
  checkNonEmptyStringList,
  checkString,
  reportMissing,
  reportWrongType,
} from './field-checks.js';
import type { IssueCollector } from './issue-collector.js';
import { validateRuleConditions } from './validate-rule-conditions.js';

/**
 * Legacy `deviceType`, `manufacturerId`, `model`, `deviceLocation` and `groupList` entries: 1–256 characters
 * (v5 resolves group names through its group API, which takes them too).
 */
export const maxSelectorValueLength = 256;
/** v5 `targets_filter.group_ids` entries: 1–64 characters (legacy group IDs, UUIDs, fit it). */
export const maxGroupIdLength = 64;
/** Groups one target may name: at most 1,000 on both platforms. */
export const maxGroupsPerTarget = 1000;

const fieldsByType: Record<TargetType, readonly string[]> = {
  DeviceList: ['type', 'exclude', 'deviceIds'],
  DeviceType: ['type', 'exclude', 'deviceType', 'manufacturerId', 'model'],
  DeviceArea: ['type', 'exclude', 'location'],
  GroupList: ['type', 'exclude', 'groupNames'],
  GroupIdList: ['type', 'exclude', 'groupIds'],
  Broadcast: ['type', 'exclude'],
  Filter: ['type', 'exclude', 'groupIds'],
  Rules: ['type', 'exclude', 'conditions', 'namedConditions'],
};

function isTargetType(value: unknown): value is TargetType {
  return typeof value === 'string' && (targetTypes as readonly string[]).includes(value);
}

/**
 * Checks a list of device IDs. Linear, one pass, no allocation for valid entries: it runs over
 * 10 M-entry lists. Duplicates are not issues (the planner drops them).
 */
function checkDeviceIds(issues: IssueCollector, path: string, value: unknown, required: boolean): void {
  if (value === undefined) {
    if (required) reportMissing(issues, path, 'a non-empty list of device IDs');
    return;
  }
  if (!Array.isArray(value)) {
    reportWrongType(issues, path, value, 'a list of device IDs');
    return;
  }
  if (required && value.length === 0) {
    issues.add(path, 'empty_list', `${path} is empty (at least one device ID is needed)`);
    return;
  }
  const reporter = issues.forList(path, 'device IDs');
  const length = value.length;
  for (let index = 0; index < length; index++) {
    const id: unknown = value[index];
    if (!isValidDeviceId(id)) {
      reporter.add(index, typeof id === 'string' ? 'invalid_device_id' : 'wrong_type', () =>
        invalidDeviceIdMessage(`${path}[${index}]`, id),
      );
    }
  }
  reporter.finish();
}

/** Checks `campaign.target`: a known type, the fields it needs, device IDs, and Rules shape. */
export function validateTarget(
  issues: IssueCollector,
  target: unknown,
  options: { requireManufacturerAndModel: boolean; ruleOperators?: readonly string[] } = {
    requireManufacturerAndModel: false,
  },
): void {
  if (target === undefined) {
    reportMissing(issues, 'target', `an object with a type: ${targetTypes.join(', ')}`);
    return;
  }
  if (!isPlainObject(target)) {
    reportWrongType(issues, 'target', target, 'an object');
    return;
  }
  const type = target.type;
  if (!isTargetType(type)) {
    issues.add(
      'target.type',
      type === undefined ? 'required' : 'unknown_type',
      `target.type: ${describeValue(type)} is not a target type (one of ${targetTypes.join(', ')})`,
    );
    return;
  }
  checkKnownFields(issues, 'target', target, fieldsByType[type]);
  checkDeviceIds(issues, 'target.exclude', target.exclude, false);
  match(type)
    .with('DeviceList', () => checkDeviceIds(issues, 'target.deviceIds', target.deviceIds, true))
    .with('DeviceType', () => {
      const max = maxSelectorValueLength;
      checkString(issues, 'target.deviceType', target.deviceType, { min: 1, max, required: true });
      checkString(issues, 'target.manufacturerId', target.manufacturerId, {
        min: 1,
        max,
        required: options.requireManufacturerAndModel,
      });
      checkString(issues, 'target.model', target.model, {
        min: 1,
        max,
        required: options.requireManufacturerAndModel,
      });
    })
    .with('DeviceArea', () =>
      checkString(issues, 'target.location', target.location, {
        min: 1,
        max: maxSelectorValueLength,
        required: true,
      }),
    )
    .with('GroupList', () => {
      const names = checkNonEmptyStringList(issues, 'target.groupNames', target.groupNames, 'group names', {
        max: maxSelectorValueLength,
      });
      checkListLength(issues, 'target.groupNames', names, maxGroupsPerTarget, 'group names');
    })
    .with('GroupIdList', 'Filter', () => {
      const ids = checkNonEmptyStringList(issues, 'target.groupIds', target.groupIds, 'group IDs', {
        max: maxGroupIdLength,
      });
      checkListLength(issues, 'target.groupIds', ids, maxGroupsPerTarget, 'group IDs');
    })
    .with('Broadcast', () => undefined)
    .with('Rules', () =>
      validateRuleConditions(issues, target.conditions, target.namedConditions, options.ruleOperators ?? []),
    )
    .exhaustive();
}
