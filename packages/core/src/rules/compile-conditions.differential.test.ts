/**
 * Differential tests: the compiled predicate against json-rules-engine 7.3.1 itself, a fresh Engine per case
 * (a shared Engine drops results under concurrency, issue #303), in both error models.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  rootReferences,
  namedConditionsArb,
  recordArb,
  rootArb,
} from './__test-helpers__/rule-arbitraries.js';
import { jreOutcome } from './__test-helpers__/jre-oracle.js';
import { compileConditions } from './compile-conditions.js';
import { RuleCompileError } from '../errors/rule-compile-error.js';

/**
 * 5,000 generated rules per mode: 10,000 cases in CI, each record compared with a fresh Engine. Every case
 * runs on both back ends (generated JavaScript and the closure tree), so both are held to the oracle.
 */
const numRuns = 5_000;

const operatorNames = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
];

/** The features a compared rule exercises (its named conditions included), to assert the mix is covered. */
function features(node: unknown, into: Set<string>): Set<string> {
  if (typeof node !== 'object' || node === null) return into;
  const condition = node as Record<string, unknown>;
  if ('not' in condition) into.add('not');
  if ('condition' in condition) into.add('named condition');
  if (typeof condition.operator === 'string') {
    into.add(condition.operator.includes(':') ? 'decorated' : `operator ${condition.operator}`);
    if (condition.path) into.add('path');
    const value = condition.value as Record<string, unknown> | null;
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, 'fact'))
      into.add('fact reference');
    return into;
  }
  for (const key of ['all', 'any']) {
    const children = condition[key];
    if (Array.isArray(children)) for (const child of children) features(child, into);
  }
  features(condition.not, into);
  return into;
}

describe.each([
  { mode: 'allowUndefinedFacts (default)', strict: false },
  { mode: 'strict', strict: true },
])('compiled conditions agree with json-rules-engine 7.3.1: $mode', ({ strict }) => {
  it('on generated trees and records', async () => {
    let compared = 0;
    let refusedAtCompileTime = 0;
    const outcomes = { matched: 0, unmatched: 0, unevaluable: 0 };
    const covered = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        namedConditionsArb,
        rootArb(rootReferences),
        fc.array(recordArb, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (named, conditions, records, allowUndefinedConditions) => {
          let compiled: ReturnType<typeof compileConditions>;
          let closures: ReturnType<typeof compileConditions>;
          try {
            compiled = compileConditions(conditions, {
              namedConditions: named,
              strict,
              allowUndefinedConditions,
            });
            closures = compileConditions(conditions, {
              namedConditions: named,
              strict,
              allowUndefinedConditions,
              codeGeneration: false,
            });
          } catch (error) {
            // Static mistakes are refused for every device; json-rules-engine fails only on reached branches.
            expect(RuleCompileError.isInstance(error)).toBe(true);
            refusedAtCompileTime++;
            return;
          }
          expect(compiled.kind).toBe('compiled');
          if (compiled.kind !== 'compiled' || closures.kind !== 'compiled') return;
          expect([compiled.backend, closures.backend]).toEqual(['generated', 'closures']);
          const used = features(conditions, new Set());
          for (const definition of Object.values(named)) features(definition, used);
          for (const feature of used) covered.set(feature, (covered.get(feature) ?? 0) + records.length);
          for (const record of records) {
            const expected = await jreOutcome(conditions, named, record, {
              strict,
              allowUndefinedConditions,
            });
            const actual = compiled.evaluate(record);
            expect(actual).toBe(expected);
            expect(closures.evaluate(record)).toBe(expected);
            expect(compiled.explain(record).outcome).toBe(actual);
            outcomes[actual]++;
            compared++;
          }
        },
      ),
      { numRuns },
    );
    // At least 6,000 compared records per mode (12,000 in all), and every outcome well represented.
    expect(compared).toBeGreaterThanOrEqual(6_000);
    expect(outcomes.matched).toBeGreaterThan(compared / 20);
    expect(outcomes.unmatched).toBeGreaterThan(compared / 20);
    expect(outcomes.unevaluable).toBeGreaterThan(compared / 100);
    expect(refusedAtCompileTime).toBeLessThan(numRuns / 2);
    // Every feature the generator inlines was compared on hundreds of records, on both back ends.
    for (const feature of [
      'path',
      'fact reference',
      'not',
      'named condition',
      'decorated',
      ...operatorNames.map((name) => `operator ${name}`),
    ]) {
      expect(covered.get(feature) ?? 0, feature).toBeGreaterThan(200);
    }
    console.info(`${strict ? 'strict' : 'default'}: ${compared} compared`, outcomes, {
      refusedAtCompileTime,
    });
  });
});
