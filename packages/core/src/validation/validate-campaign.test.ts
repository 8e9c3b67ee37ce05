import { describe, expect, it } from 'vitest';
import { CampaignValidationError } from '../errors/campaign-validation-error.js';
import { FleetcastError } from '../errors/fleetcast-error.js';
import { assertValidCampaign } from './assert-valid-campaign.js';
import { legacyTaskNameRule, v5AsciiTaskNameRule } from './__test-helpers__/platform-task-name-rules.js';
import { validateCampaign } from './validate-campaign.js';
import {
  expectOnly,
  issuesOf,
  legacyCapabilities,
  now,
  valid,
} from './__test-helpers__/campaign-fixtures.js';

describe('validateCampaign: the campaign as a whole', () => {
  it('accepts a valid campaign', () => {
    expect(validateCampaign(valid, { now })).toEqual([]);
  });

  it.each([null, 42, 'text', [1, 2], undefined])(
    'reports a non-object campaign (%j) instead of throwing',
    (input) => {
      const issues = validateCampaign(input);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ path: 'campaign', code: 'wrong_type' });
      expect(issues[0]!.message).toMatch(/^campaign: must be an object/);
    },
  );

  it('reports unknown top-level fields', () => {
    expectOnly(
      { nmae: 'x' },
      'nmae',
      'unknown_field',
      'nmae is not a known field (known: name, target, operation, policy, rollout)',
    );
  });

  it('returns every problem at once', () => {
    const issues = issuesOf({
      name: 'a-b',
      target: { type: 'DeviceList', deviceIds: [] },
      policy: { timeout: 1 },
    });
    expect(issues.map((issue) => issue.code)).toEqual(['invalid_character', 'empty_list', 'out_of_range']);
  });
});

describe('validateCampaign: name', () => {
  it('requires a name', () => {
    const { name: _name, ...withoutName } = valid;
    expect(validateCampaign(withoutName, { now })).toEqual([
      {
        path: 'name',
        code: 'required',
        message: 'name is required (letters, digits, _ and Chinese characters, at most 128 characters)',
      },
    ]);
  });

  it('rejects a hyphen under the default (v5) rule but accepts Chinese characters', () => {
    expectOnly(
      { name: 'fw-rollout' },
      'name',
      'invalid_character',
      'name: "fw-rollout" contains "-", which is not allowed (letters, digits, _ and Chinese characters, at most 128 characters)',
    );
    expect(issuesOf({ name: '水表_升级_2' })).toEqual([]);
  });

  it('rejects names over 128 characters by default and over 256 under the legacy rule', () => {
    expectOnly(
      { name: 'n'.repeat(129) },
      'name',
      'too_long',
      `name: "${'n'.repeat(40)}…" is 129 characters long (letters, digits, _ and Chinese characters, at most 128 characters)`,
    );
    const legacy = { taskNameRule: legacyTaskNameRule };
    expect(issuesOf({ name: 'fw-rollout 2 n'.padEnd(256, 'x') }, legacy)).toEqual([]);
    expect(issuesOf({ name: 'x'.repeat(257) }, legacy)[0]).toMatchObject({ code: 'too_long' });
  });

  it('rejects control characters under the legacy rule and Chinese under the English v5 reading', () => {
    expect(issuesOf({ name: 'a\nb' }, { taskNameRule: legacyTaskNameRule })[0]).toMatchObject({
      code: 'invalid_character',
      message:
        'name: "a\\nb" contains "\\n", which is not allowed (any character except control characters, at most 256 characters)',
    });
    expect(issuesOf({ name: '水表' }, { taskNameRule: v5AsciiTaskNameRule })[0]).toMatchObject({
      code: 'invalid_character',
    });
  });

  it('takes the name rule from the adapter', () => {
    const adapter = { name: 'legacy', capabilities: legacyCapabilities };
    expect(issuesOf({ name: 'fw-rollout 2' }, { adapter })).toEqual([]);
  });

  it('reports an empty or non-string name', () => {
    expect(issuesOf({ name: '' })[0]).toMatchObject({ path: 'name', code: 'too_short' });
    expectOnly(
      { name: 7 },
      'name',
      'wrong_type',
      'name: must be a string (letters, digits, _ and Chinese characters, at most 128 characters), got a number (7)',
    );
  });
});

describe('validation limits and assertValidCampaign', () => {
  it('refuses limits beyond the adapter and non-positive limits', () => {
    const adapter = { name: 'legacy', capabilities: legacyCapabilities };
    expect(() => validateCampaign(valid, { adapter, maxTargetsPerTask: 30_001 })).toThrow(
      'maxTargetsPerTask: 30001 exceeds 30000, the limit of the legacy adapter',
    );
    expect(() => validateCampaign(valid, { maxTargetsPerTask: 0 })).toThrow(FleetcastError);
  });

  it.each([
    [{ maxTargetsPerTask: 0 }, 'maxTargetsPerTask: 0 is not a positive integer'],
    [{ maxTargetsPerTask: 1.5 }, 'maxTargetsPerTask: 1.5 is not a positive integer'],
    [{ maxIssuesPerList: -1 }, 'maxIssuesPerList: -1 is not a non-negative integer'],
    [
      { taskNameRule: { ...legacyTaskNameRule, maxLength: 0 } },
      'taskNameRule.maxLength: 0 is not a positive integer',
    ],
  ])('refuses the limits %j with FLEETCAST_INVALID_OPTIONS naming the field', (limits, message) => {
    let caught: unknown;
    try {
      validateCampaign(valid, limits);
    } catch (error) {
      caught = error;
    }
    expect(FleetcastError.isInstance(caught) && [caught.code, caught.message]).toEqual([
      'FLEETCAST_INVALID_OPTIONS',
      message,
    ]);
  });

  it('throws a CampaignValidationError holding every issue', () => {
    const bad = { ...valid, name: 'a-b', policy: { timeout: 1 } };
    let caught: unknown;
    try {
      assertValidCampaign(bad, { now });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CampaignValidationError);
    const error = caught as CampaignValidationError;
    expect(error.code).toBe('FLEETCAST_INVALID_CAMPAIGN');
    expect(error.issues.map((issue) => issue.path)).toEqual(['name', 'policy.timeout']);
    expect(() => assertValidCampaign(valid, { now })).not.toThrow();
  });
});

describe('validateCampaign: every name rule has an example with its code and message', () => {
  it.each([
    {
      patch: { name: '' },
      limits: {},
      code: 'too_short',
      message: 'name: "" is empty (letters, digits, _ and Chinese characters, at most 128 characters)',
    },
    {
      patch: { name: 'x'.repeat(257) },
      limits: { taskNameRule: legacyTaskNameRule },
      code: 'too_long',
      message: `name: "${'x'.repeat(40)}…" is 257 characters long (any character except control characters, at most 256 characters)`,
    },
    {
      patch: { name: '水表' },
      limits: { taskNameRule: v5AsciiTaskNameRule },
      code: 'invalid_character',
      message:
        'name: "水表" contains "水", which is not allowed (letters, digits and _, at most 128 characters)',
    },
  ])('$code: $message', ({ patch, limits, code, message }) => {
    expectOnly(patch, 'name', code, message, limits);
  });
});
