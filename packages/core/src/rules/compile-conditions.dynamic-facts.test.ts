/**
 * Dynamic facts (json-rules-engine `addFact(id, callback)`): a rule that reads one is not compiled but runs on
 * json-rules-engine itself, one Engine per evaluation, and must give a plain json-rules-engine run's answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../directory/device-record.js';
import type { RuleCondition } from '../campaign/target-spec.js';
import {
  namedConditionsArb,
  recordArb,
  rootArb,
  rootReferences,
} from './__test-helpers__/rule-arbitraries.js';
import { jreOutcome } from './__test-helpers__/jre-oracle.js';
import { compileConditions } from './compile-conditions.js';
import type { DynamicFact } from './engine-conditions.js';
import { RuleCompileError } from '../errors/rule-compile-error.js';

const now = 1_800_000_000_000;
const dayMs = 86_400_000;

/** Days since the device was last seen, from its own `lastSeen` fact; `params.unit` scales it. */
const daysSilent: DynamicFact = async (params, almanac) => {
  const lastSeen = await almanac.factValue('lastSeen');
  if (typeof lastSeen !== 'number') return undefined;
  return (now - lastSeen) / dayMs / (typeof params.unit === 'number' ? params.unit : 1);
};

const dynamicFacts = { daysSilent, broken: () => Promise.reject(new Error('lookup failed')) };

const silentForAWeek: RuleCondition = {
  all: [
    { fact: 'deviceType', operator: 'equal', value: 'WaterMeter' },
    { fact: 'daysSilent', operator: 'greaterThanInclusive', value: 7 },
  ],
};

const devices: DeviceRecord[] = [
  { id: 'quiet', deviceType: 'WaterMeter', facts: { lastSeen: now - 10 * dayMs } },
  { id: 'recent', deviceType: 'WaterMeter', facts: { lastSeen: now - dayMs } },
  { id: 'never', deviceType: 'WaterMeter' },
  { id: 'gas', deviceType: 'GasMeter', facts: { lastSeen: now - 30 * dayMs } },
  // The device's own fact of the same name wins, as a runtime fact does in json-rules-engine.
  { id: 'own', deviceType: 'WaterMeter', facts: { lastSeen: now, daysSilent: 8 } },
];

describe('compileConditions: dynamic facts run on json-rules-engine', () => {
  it('runs a rule that reads a dynamic fact on an Engine, with json-rules-engine answers in both modes', async () => {
    for (const strict of [false, true]) {
      const rule = compileConditions(silentForAWeek, { dynamicFacts, strict });
      expect(rule.kind).toBe('engine');
      const outcomes = await Promise.all(devices.map((device) => rule.evaluateAsync(device)));
      // Strict: the dynamic fact's own read of the missing `lastSeen` rejects the run.
      const never = strict ? 'unevaluable' : 'unmatched';
      expect(outcomes).toEqual(['matched', 'unmatched', never, 'unmatched', 'matched']);
      for (const device of devices) {
        const expected = await jreOutcome(
          silentForAWeek,
          {},
          device,
          { strict, allowUndefinedConditions: false },
          {},
          dynamicFacts,
        );
        expect(await rule.evaluateAsync(device)).toBe(expected);
      }
    }
  });

  it('passes the condition params, and treats a fact reference to a dynamic fact the same way', async () => {
    const inWeeks = compileConditions(
      { all: [{ fact: 'daysSilent', operator: 'greaterThan', value: 1, params: { unit: 7 } }] },
      { dynamicFacts },
    );
    expect(await inWeeks.evaluateAsync(devices[0] as DeviceRecord)).toBe('matched');
    expect(await inWeeks.evaluateAsync({ id: 'd', facts: { lastSeen: now - 6 * dayMs } })).toBe('unmatched');
    const reference = compileConditions(
      { all: [{ fact: 'limit', operator: 'lessThan', value: { fact: 'daysSilent' } }] },
      { dynamicFacts },
    );
    expect(reference.kind).toBe('engine');
    expect(await reference.evaluateAsync({ id: 'd', facts: { limit: 5, lastSeen: now - 6 * dayMs } })).toBe(
      'matched',
    );
  });

  it('compiles a rule that reads no dynamic fact, even when some are given', () => {
    const rule = compileConditions(
      { all: [{ fact: 'deviceType', operator: 'equal', value: 'W' }] },
      { dynamicFacts },
    );
    expect(rule.kind).toBe('compiled');
  });

  it('makes a device unevaluable when its dynamic fact rejects, with the reason', async () => {
    const rule = compileConditions(
      { all: [{ fact: 'broken', operator: 'equal', value: 1 }] },
      { dynamicFacts },
    );
    if (rule.kind !== 'engine') throw new Error('expected the engine path');
    expect(await rule.evaluateAsync({ id: 'd' })).toBe('unevaluable');
    expect(await rule.explainAsync({ id: 'd' })).toEqual({
      outcome: 'unevaluable',
      decisive: [],
      error: 'Error: lookup failed',
    });
  });

  it('refuses a dynamic fact without a name or that is not a function', () => {
    const refused = (facts: Record<string, unknown>) => {
      try {
        compileConditions(silentForAWeek, { dynamicFacts: facts as Record<string, DynamicFact> });
      } catch (error) {
        if (RuleCompileError.isInstance(error)) return [error.code, error.message];
      }
      return undefined;
    };
    expect(refused({ '': daysSilent })).toEqual([
      'FLEETCAST_RULES_INVALID',
      'dynamicFacts[""]: a dynamic fact needs a non-empty name',
    ]);
    expect(refused({ daysSilent: 7 })).toEqual([
      'FLEETCAST_RULES_INVALID',
      'dynamicFacts.daysSilent: a dynamic fact must be a function (params, almanac) => value, got 7',
    ]);
  });

  it('loses no result when many slow evaluations overlap (one Engine per run)', async () => {
    const slow: DynamicFact = async (_params, almanac) => {
      const n = (await almanac.factValue('n')) as number;
      await new Promise((resolve) => setTimeout(resolve, n % 7));
      return n * 2;
    };
    const rule = compileConditions(
      { all: [{ fact: 'double', operator: 'greaterThanInclusive', value: 300 }] },
      { dynamicFacts: { double: slow } },
    );
    const fleet = Array.from({ length: 300 }, (_, n): DeviceRecord => ({ id: `d${n}`, facts: { n } }));
    const outcomes = await Promise.all(fleet.map((device) => rule.evaluateAsync(device)));
    expect(outcomes.map((outcome, n) => (outcome === 'matched') === n >= 150)).not.toContain(false);
  });

  it('agrees with json-rules-engine on generated trees and records, in both modes', async () => {
    // `n` and `g` become dynamic facts (a record may still carry its own, which then wins).
    const generated: Record<string, DynamicFact> = {
      n: async (_params, almanac) => almanac.factValue('a'),
      g: () => [1, 2, 3],
    };
    let compared = 0;
    let onEngine = 0;
    await fc.assert(
      fc.asyncProperty(
        namedConditionsArb,
        rootArb(rootReferences),
        fc.array(recordArb, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (named, conditions, records, strict) => {
          let rule: ReturnType<typeof compileConditions>;
          try {
            rule = compileConditions(conditions, { namedConditions: named, strict, dynamicFacts: generated });
          } catch (error) {
            expect(RuleCompileError.isInstance(error)).toBe(true);
            return;
          }
          if (rule.kind === 'engine') onEngine++;
          for (const record of records) {
            const options = { strict, allowUndefinedConditions: false };
            const expected = await jreOutcome(conditions, named, record, options, {}, generated);
            expect(await rule.evaluateAsync(record)).toBe(expected);
            compared++;
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(300);
    expect(onEngine).toBeGreaterThan(100);
  });
});
