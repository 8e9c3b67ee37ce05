/** Shared fixtures of the validation tests: a valid campaign, a fixed "now", and issue helpers. Test-only. */
import { expect } from 'vitest';
import type { AdapterCapabilitiesV1 } from '../../adapter/v1/adapter-v1.js';
import { legacyTaskNameRule } from './platform-task-name-rules.js';
import { validateCampaign } from '../validate-campaign.js';
import type { ValidationLimits } from '../validation-limits.js';

/** The present every test validates against (scheduleTime windows are relative to it). */
export const now = new Date('2026-11-22T04:00:00Z');

/** A campaign with no issue; tests patch one field at a time. */
export const valid = {
  name: 'meters_fw_2_1',
  target: { type: 'DeviceList', deviceIds: ['dev_1', 'dev-2'] },
  operation: { type: 'command', serviceId: 'water', commandName: 'ON_OFF', paras: { value: 'ON' } },
};

/** The issues of {@link valid} with `patch` applied. */
export function issuesOf(patch: Record<string, unknown>, limits: ValidationLimits = {}) {
  return validateCampaign({ ...valid, ...patch }, { now, ...limits });
}

/** Asserts that the patched campaign has exactly one issue, with this path, code and message. */
export function expectOnly(
  patch: Record<string, unknown>,
  path: string,
  code: string,
  message: string,
  limits = {},
) {
  expect(issuesOf(patch, limits)).toEqual([{ path, code, message }]);
}

/** The legacy adapter's capabilities as validation sees them. */
export const legacyCapabilities: AdapterCapabilitiesV1 = {
  nativeSelectors: ['DeviceType', 'DeviceArea', 'GroupList', 'GroupIdList', 'Broadcast'],
  supportedOperations: ['command'],
  maxTargetsPerTask: 30_000,
  taskNameRule: legacyTaskNameRule,
  rateLimitPerMinute: 100,
  maxUnfinishedTasks: 'unknown',
  rejectsDuplicateNames: true,
};
