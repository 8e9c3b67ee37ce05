import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../campaign/campaign.js';
import { validateCampaign } from './validate-campaign.js';
import { maxJsonDepth } from './check-json-shape.js';

/** `levels` nested objects/arrays around a leaf, alternating by the bits of `shape`. */
function nested(levels: number, shape: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level++) value = (shape >> (level % 8)) & 1 ? [value] : { k: value };
  return value;
}

const base = { name: 'deep', target: { type: 'DeviceList', deviceIds: ['d1'] } };

/** Each free-form JSON field of a campaign, with `value` placed in it; `extra` is its own nesting above the value. */
const placements: Record<string, { place: (value: unknown) => Record<string, unknown>; extra: number }> = {
  'operation.paras': {
    place: (value) => ({
      ...base,
      operation: { type: 'command', serviceId: 's', commandName: 'c', paras: { p: value } },
    }),
    extra: 3,
  },
  'operation.message': {
    place: (value) => ({ ...base, operation: { type: 'message', message: value } }),
    extra: 2,
  },
  'operation.shadow[0].desired': {
    place: (value) => ({
      ...base,
      operation: { type: 'shadowUpdate', shadow: [{ serviceId: 's', desired: { v: value } }] },
    }),
    extra: 5,
  },
  'target.conditions.all[0].value': {
    place: (value) => ({
      name: 'deep',
      target: { type: 'Rules', conditions: { all: [{ fact: 'f', operator: 'equal', value }] } },
      operation: { type: 'deleteDevices' },
    }),
    extra: 5,
  },
};

describe('validateCampaign: nesting of free-form JSON', () => {
  it(`refuses any free-form field nested past ${maxJsonDepth} levels with a typed too_deep issue, and accepts it up to the bound`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(placements)),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: -3, max: 3 }),
        (field, shape, offset) => {
          const { place, extra } = placements[field]!;
          const levels = maxJsonDepth - extra + offset;
          const issues = validateCampaign(place(nested(levels, shape)));
          const tooDeep = issues.filter((issue) => issue.code === 'too_deep');
          if (offset <= 0) expect(tooDeep).toEqual([]);
          else {
            expect(tooDeep).toHaveLength(1);
            expect(tooDeep[0]!.path.startsWith(field.split('[')[0]!)).toBe(true);
            expect(tooDeep[0]!.message).toContain(`at most ${maxJsonDepth}`);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports a 100,000-level paras without overflowing the stack', () => {
    const campaign = placements['operation.paras']!.place(nested(100_000, 0));
    const issues = validateCampaign(campaign as unknown as Campaign);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'too_deep', path: expect.stringMatching(/^operation\.paras\.p\.k/) }),
    ]);
    expect(() => JSON.stringify(campaign)).toThrow(RangeError);
  });

  it('refuses a BigInt from programmatic input instead of letting JSON.stringify throw later', () => {
    const issues = validateCampaign(placements['operation.paras']!.place(10n));
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid_value', path: 'operation.paras.p' })]);
  });
});
