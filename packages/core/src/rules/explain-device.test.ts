import { describe, expect, it } from 'vitest';
import { assignWave } from '../rollout/assign-wave.js';
import type { Campaign } from '../campaign/campaign.js';
import type { RuleCondition } from '../campaign/target-spec.js';
import { explainDevice } from './explain-device.js';

const conditions: RuleCondition = {
  all: [
    { fact: 'deviceType', operator: 'equal', value: 'WaterMeter' },
    { fact: 'firmwareVersion', operator: 'lessThan', value: 3 },
    {
      any: [{ fact: 'location', operator: 'in', value: ['Shenzhen', 'Shanghai'] }, { condition: 'beta' }],
    },
  ],
};
const campaign: Campaign = {
  name: 'fw_21',
  target: {
    type: 'Rules',
    conditions,
    namedConditions: { beta: { all: [{ fact: 'groupNames', operator: 'contains', value: 'beta' }] } },
    exclude: ['meter_x'],
  },
  operation: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
};

describe('explainDevice', () => {
  it('names the first failing condition and the fact value', () => {
    const result = explainDevice(campaign, {
      id: 'meter_7',
      deviceType: 'WaterMeter',
      facts: { firmwareVersion: 4 },
    });
    expect(result).toMatchObject({ targeted: false, reason: 'rule-unmatched' });
    expect(result.message).toBe(
      'unmatched: conditions.all[1]: firmwareVersion lessThan 3 is false (firmwareVersion is 4)',
    );
  });

  it('lists every alternative of a failed any, through named conditions', () => {
    const result = explainDevice(campaign, {
      id: 'meter_8',
      deviceType: 'WaterMeter',
      location: 'Beijing',
      groupNames: ['alpha'],
      facts: { firmwareVersion: 2 },
    });
    expect(result.rule?.decisive.map((trace) => trace.location)).toEqual([
      'conditions.all[2].any[0]',
      'namedConditions.beta.all[0]',
    ]);
    expect(result.message).toContain('groupNames contains "beta" is false (groupNames is ["alpha"])');
  });

  it('reports exclusions before the rule, and unevaluable devices in strict mode', () => {
    expect(explainDevice(campaign, { id: 'meter_x', deviceType: 'WaterMeter' }).reason).toBe('excluded');
    const strict = explainDevice(campaign, { id: 'meter_9', deviceType: 'WaterMeter' }, { strict: true });
    expect(strict).toMatchObject({ targeted: false, reason: 'unevaluable' });
    expect(strict.message).toContain('fact "firmwareVersion" is not defined');
  });

  it('adds the bucket and wave of a targeted device, or says it lies beyond the waves', () => {
    const device = {
      id: 'meter_1',
      deviceType: 'WaterMeter',
      location: 'Shenzhen',
      facts: { firmwareVersion: 1 },
    };
    const withWaves: Campaign = {
      ...campaign,
      rollout: { waves: [{ percent: 1 }, { percent: 10 }, { percent: 100 }] },
    };
    const expected = assignWave(withWaves, 'meter_1');
    const result = explainDevice(withWaves, device);
    expect(result).toMatchObject({
      targeted: true,
      reason: 'rule-matched',
      bucket: expected.bucket,
      wave: expected.wave,
    });
    const partial: Campaign = {
      ...campaign,
      rollout: { waves: [{ percent: expected.bucket / 100 || 0.01 }] },
    };
    const beyond = explainDevice(partial, device);
    expect(beyond.targeted).toBe(expected.bucket < 1);
    if (expected.bucket >= 1) expect(beyond.reason).toBe('beyond-waves');
  });

  it('explains lists and selectors by the record fields', () => {
    const listed = { ...campaign, target: { type: 'DeviceList' as const, deviceIds: ['a'] } };
    expect(explainDevice(listed, { id: 'a' }).reason).toBe('listed');
    expect(explainDevice(listed, { id: 'b' }).reason).toBe('not-listed');
    const byType = {
      ...campaign,
      target: { type: 'DeviceType' as const, deviceType: 'WaterMeter', model: 'X' },
    };
    expect(explainDevice(byType, { id: 'a', deviceType: 'WaterMeter', model: 'X' }).targeted).toBe(true);
    expect(explainDevice(byType, { id: 'a', deviceType: 'WaterMeter', model: 'Y' }).reason).toBe(
      'not-selected',
    );
  });
});
