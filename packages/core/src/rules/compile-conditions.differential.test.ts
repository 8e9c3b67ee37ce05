/**
 * Differential tests: the compiled predicate against json-rules-engine 7.3.1 itself, a fresh Engine per case
 * (a shared Engine drops results under concurrency, issue #303), in both error models.
 */
import fc from 'fast-check';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../directory/device-record.js';
import type { RuleCondition } from '../spec/target-spec.js';
import {
  rootReferences,
  namedConditionsArb,
  recordArb,
  rootArb,
} from './__test-helpers__/rule-arbitraries.js';
import { type RuleOutcome, compileConditions } from './compile-conditions.js';
import { RuleCompileError } from './rule-compile-error.js';

/** The facts json-rules-engine is given: written independently of the library's own deviceFacts. */
function oracleFacts(record: DeviceRecord): Record<string, unknown> {
  const facts: Record<string, unknown> = Object.create(null);
  const bag = record.facts as unknown;
  if (typeof bag === 'object' && bag !== null && !Array.isArray(bag)) {
    for (const key of Object.keys(bag)) if (key !== '') facts[key] = (bag as Record<string, unknown>)[key];
  }
  for (const key of Object.keys(record)) {
    if (key !== 'facts' && key !== '') facts[key] = (record as unknown as Record<string, unknown>)[key];
  }
  return facts;
}

interface OracleOptions {
  strict: boolean;
  allowUndefinedConditions: boolean;
}

/** json-rules-engine's answer: passes, fails, or the run rejects. */
export async function jreOutcome(
  conditions: RuleCondition,
  named: Record<string, RuleCondition>,
  record: DeviceRecord,
  options: OracleOptions,
): Promise<RuleOutcome | 'refused'> {
  let engine: Engine;
  try {
    engine = new Engine([], {
      allowUndefinedFacts: !options.strict,
      allowUndefinedConditions: options.allowUndefinedConditions,
    });
    for (const [name, condition] of Object.entries(named)) {
      engine.setCondition(name, structuredClone(condition) as TopLevelCondition);
    }
    engine.addRule({
      conditions: structuredClone(conditions) as TopLevelCondition,
      event: { type: 'match' },
    });
  } catch {
    return 'refused';
  }
  try {
    const { results } = await engine.run(oracleFacts(record));
    return results.length > 0 ? 'matched' : 'unmatched';
  } catch {
    return 'unevaluable';
  }
}

const numRuns = 4_000;

describe.each([
  { mode: 'allowUndefinedFacts (default)', strict: false },
  { mode: 'strict', strict: true },
])('compiled conditions agree with json-rules-engine 7.3.1: $mode', ({ strict }) => {
  it('on generated trees and records', async () => {
    let compared = 0;
    let refusedAtCompileTime = 0;
    const outcomes = { matched: 0, unmatched: 0, unevaluable: 0 };
    await fc.assert(
      fc.asyncProperty(
        namedConditionsArb,
        rootArb(rootReferences),
        fc.array(recordArb, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (named, conditions, records, allowUndefinedConditions) => {
          let compiled: ReturnType<typeof compileConditions>;
          try {
            compiled = compileConditions(conditions, {
              namedConditions: named,
              strict,
              allowUndefinedConditions,
            });
          } catch (error) {
            // Static mistakes are refused for every device; json-rules-engine fails only on reached branches.
            expect(RuleCompileError.isInstance(error)).toBe(true);
            refusedAtCompileTime++;
            return;
          }
          expect(compiled.kind).toBe('compiled');
          if (compiled.kind !== 'compiled') return;
          for (const record of records) {
            const expected = await jreOutcome(conditions, named, record, {
              strict,
              allowUndefinedConditions,
            });
            const actual = compiled.evaluate(record);
            expect(actual).toBe(expected);
            expect(compiled.explain(record).outcome).toBe(actual);
            outcomes[actual]++;
            compared++;
          }
        },
      ),
      { numRuns },
    );
    // At least 5,000 compared cases per mode (10,000 in all), and every outcome well represented.
    expect(compared).toBeGreaterThanOrEqual(5_000);
    expect(outcomes.matched).toBeGreaterThan(compared / 20);
    expect(outcomes.unmatched).toBeGreaterThan(compared / 20);
    expect(outcomes.unevaluable).toBeGreaterThan(compared / 100);
    expect(refusedAtCompileTime).toBeLessThan(numRuns / 2);
    console.info(`${strict ? 'strict' : 'default'}: ${compared} compared`, outcomes, {
      refusedAtCompileTime,
    });
  });
});
