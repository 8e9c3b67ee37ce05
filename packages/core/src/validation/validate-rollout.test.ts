import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { waveLimits } from '../rollout/assign-wave.js';
import type { RolloutSpec } from '../campaign/campaign.js';
import { validateCampaign } from './validate-campaign.js';

const base = {
  name: 'meters_fw',
  target: { type: 'DeviceList', deviceIds: ['dev_1'] },
  operation: { type: 'command', serviceId: 'water', commandName: 'ON_OFF', paras: {} },
};

function rolloutIssues(rollout: unknown) {
  return validateCampaign({ ...base, rollout });
}

describe('rollout validation', () => {
  it('accepts waves with a gate and abort criteria (approve may be a function)', () => {
    expect(
      rolloutIssues({
        waves: [{ percent: 1 }, { percent: 10 }, { percent: 100 }],
        salt: 's1',
        gate: { minFinishedFraction: 0.9, minSuccessRate: 0.95, soakMs: 600_000, approve: async () => true },
        abort: {
          action: 'pause',
          criteria: [{ failureType: 'any', thresholdPercent: 5.25, minFinishedDevices: 10 }],
        },
      }),
    ).toEqual([]);
  });

  it('names the field and the limit of every bad gate value', () => {
    expect(
      rolloutIssues({
        waves: [{ percent: 50 }, { percent: 100 }],
        gate: {
          minFinishedFraction: 1.5,
          minSuccessRate: '0.9',
          soakMs: 8 * 24 * 3_600_000,
          approve: 'yes',
          soak: 1,
        },
      }),
    ).toEqual([
      {
        path: 'rollout.gate.soak',
        code: 'unknown_field',
        message:
          'rollout.gate.soak is not a known field (known: minFinishedFraction, minSuccessRate, soakMs, approve)',
      },
      {
        path: 'rollout.gate.minFinishedFraction',
        code: 'out_of_range',
        message: 'rollout.gate.minFinishedFraction: 1.5 is out of range (0–1)',
      },
      {
        path: 'rollout.gate.minSuccessRate',
        code: 'wrong_type',
        message: 'rollout.gate.minSuccessRate: must be a number from 0 to 1, got a string ("0.9")',
      },
      {
        path: 'rollout.gate.soakMs',
        code: 'out_of_range',
        message: 'rollout.gate.soakMs: 691200000 is out of range (0–604800000 ms)',
      },
      {
        path: 'rollout.gate.approve',
        code: 'wrong_type',
        message:
          'rollout.gate.approve: must be a function (info) => Promise<boolean> (programmatic use only), got a string ("yes")',
      },
    ]);
  });

  it('checks abort criteria like AWS IoT Jobs: type, percent with two decimals, at least one finished device', () => {
    const issues = rolloutIssues({
      waves: [{ percent: 100 }],
      abort: {
        action: 'cancel',
        criteria: [
          { failureType: 'rejected', thresholdPercent: 101, minFinishedDevices: 0 },
          { failureType: 'failed', thresholdPercent: 1.234 },
        ],
      },
    });
    expect(issues.map((issue) => issue.message)).toEqual([
      'rollout.abort.action: "cancel" is not one of pause, abort',
      'rollout.abort.criteria[0].failureType: "rejected" is not one of failed, timedOut, any',
      'rollout.abort.criteria[0].thresholdPercent: 101 is out of range (0–100)',
      'rollout.abort.criteria[0].minFinishedDevices: 0 is out of range (at least 1)',
      'rollout.abort.criteria[1].thresholdPercent: 1.234 has more than two decimals',
      'rollout.abort.criteria[1].minFinishedDevices is required (an integer, at least 1)',
    ]);
    expect(rolloutIssues({ waves: [{ percent: 100 }], abort: { action: 'abort', criteria: [] } })).toEqual([
      {
        path: 'rollout.abort.criteria',
        code: 'empty_list',
        message: 'rollout.abort.criteria: has 0 criteria (1–10 allowed)',
      },
    ]);
  });

  it('reports bad waves as issues instead of throwing', () => {
    expect(rolloutIssues({ waves: [{ percent: 10 }, { percent: 5 }] })).toEqual([
      {
        path: 'rollout.waves[1].percent',
        code: 'invalid_value',
        message: "rollout.waves[1].percent: 5 must be above the previous wave's 10 (percents are cumulative)",
      },
    ]);
    expect(rolloutIssues({}).map((issue) => issue.path)).toEqual(['rollout.waves']);
    expect(rolloutIssues('1%').map((issue) => issue.code)).toEqual(['wrong_type']);
  });

  it('reports every bad wave at once, each with its code and the limit', () => {
    expect(
      rolloutIssues({
        waves: [{ percent: '5' }, { percent: 0 }, { percent: 20, name: 'canary' }, null, { percent: 10 }, {}],
      }),
    ).toEqual([
      {
        path: 'rollout.waves[0].percent',
        code: 'wrong_type',
        message: 'rollout.waves[0].percent: must be a number in (0, 100], got a string ("5")',
      },
      {
        path: 'rollout.waves[1].percent',
        code: 'out_of_range',
        message: 'rollout.waves[1].percent: 0 is out of range (above 0, at most 100)',
      },
      {
        path: 'rollout.waves[2].name',
        code: 'unknown_field',
        message: 'rollout.waves[2].name is not a known field (known: percent)',
      },
      {
        path: 'rollout.waves[3]',
        code: 'wrong_type',
        message: 'rollout.waves[3]: must be an object {percent}, got null (null)',
      },
      {
        path: 'rollout.waves[4].percent',
        code: 'invalid_value',
        message:
          "rollout.waves[4].percent: 10 must be above the previous wave's 20 (percents are cumulative)",
      },
      {
        path: 'rollout.waves[5].percent',
        code: 'required',
        message: 'rollout.waves[5].percent is required (a cumulative percent in (0, 100])',
      },
    ]);
    expect(rolloutIssues({ waves: [{ percent: 100.5 }, { percent: 0.125 }] })).toEqual([
      {
        path: 'rollout.waves[0].percent',
        code: 'out_of_range',
        message: 'rollout.waves[0].percent: 100.5 is out of range (above 0, at most 100)',
      },
      {
        path: 'rollout.waves[1].percent',
        code: 'invalid_value',
        message: 'rollout.waves[1].percent: 0.125 has more than two decimals (a bucket is 0.01 %)',
      },
    ]);
    expect(rolloutIssues({ waves: 5 })).toEqual([
      {
        path: 'rollout.waves',
        code: 'wrong_type',
        message:
          'rollout.waves: must be a list of cumulative percents, e.g. [{"percent": 1}, {"percent": 100}], got a number (5)',
      },
    ]);
    expect(rolloutIssues({ waves: [] })).toEqual([
      {
        path: 'rollout.waves',
        code: 'empty_list',
        message: 'rollout.waves is empty (at least one wave is needed, e.g. [{"percent": 100}])',
      },
    ]);
  });

  it('accepts exactly the waves the planner accepts (waveLimits)', () => {
    const percent = fc.oneof(
      fc.integer({ min: -2, max: 10_002 }).map((limit) => limit / 100),
      fc.double({ min: -1, max: 101, noNaN: false }),
      fc.constantFrom<unknown>('5', null, undefined, Number.POSITIVE_INFINITY),
    );
    const wave = fc.oneof(
      { weight: 8, arbitrary: percent.map((value) => ({ percent: value })) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 5, [], {}) },
    );
    fc.assert(
      fc.property(fc.array(wave, { maxLength: 5 }), (waves) => {
        const wavesIssues = rolloutIssues({ waves }).filter((issue) =>
          issue.path.startsWith('rollout.waves'),
        );
        let accepted = true;
        try {
          waveLimits({ waves } as RolloutSpec);
        } catch {
          accepted = false;
        }
        expect(wavesIssues.length === 0).toBe(accepted);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('rollout validation: every rule has an example with its code and message', () => {
  const waves = [{ percent: 100 }];
  const criterion = { failureType: 'any', thresholdPercent: 5, minFinishedDevices: 1 };
  it.each([
    [
      '1%',
      'rollout',
      'wrong_type',
      'rollout: must be an object {waves, salt?, gate?, abort?}, got a string ("1%")',
    ],
    [
      { waves, wave: 1 },
      'rollout.wave',
      'unknown_field',
      'rollout.wave is not a known field (known: waves, salt, gate, abort)',
    ],
    [
      { waves, salt: 's'.repeat(257) },
      'rollout.salt',
      'too_long',
      `rollout.salt: "${'s'.repeat(40)}…" is 257 characters long (0–256 characters)`,
    ],
    [
      { waves, gate: 'x' },
      'rollout.gate',
      'wrong_type',
      'rollout.gate: must be an object {minFinishedFraction?, minSuccessRate?, soakMs?, approve?}, got a string ("x")',
    ],
    [
      { waves, abort: { criteria: [criterion] } },
      'rollout.abort.action',
      'required',
      "rollout.abort.action is required ('pause' or 'abort')",
    ],
    [
      { waves, abort: { action: 'abort' } },
      'rollout.abort.criteria',
      'required',
      'rollout.abort.criteria is required (a list of 1–10 criteria)',
    ],
    [
      { waves, abort: { action: 'abort', criteria: Array.from({ length: 11 }, () => criterion) } },
      'rollout.abort.criteria',
      'too_long',
      'rollout.abort.criteria: has 11 criteria (1–10 allowed)',
    ],
    [
      { waves, abort: { action: 'abort', criteria: ['x'] } },
      'rollout.abort.criteria[0]',
      'wrong_type',
      'rollout.abort.criteria[0]: must be an object {failureType, thresholdPercent, minFinishedDevices}, got a string ("x")',
    ],
    [
      { waves, abort: { action: 'abort', criteria: [{ ...criterion, failureType: undefined }] } },
      'rollout.abort.criteria[0].failureType',
      'required',
      "rollout.abort.criteria[0].failureType is required ('failed', 'timedOut' or 'any')",
    ],
    [
      { waves, abort: { action: 'abort', criteria: [{ ...criterion, thresholdPercent: '5' }] } },
      'rollout.abort.criteria[0].thresholdPercent',
      'wrong_type',
      'rollout.abort.criteria[0].thresholdPercent: must be a number from 0 to 100, got a string ("5")',
    ],
  ])('%j: %s %s', (rollout, path, code, message) => {
    expect(rolloutIssues(rollout)).toEqual([{ path, code, message }]);
  });
});
