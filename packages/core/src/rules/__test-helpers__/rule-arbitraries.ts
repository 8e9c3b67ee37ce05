/**
 * fast-check arbitraries for the differential tests: the condition trees and awkward device records of the
 * json-rules-engine notes (value pools, paths, decorators, references, priorities). Test-only.
 */
import fc from 'fast-check';
import type { DeviceRecord } from '../../directory/device-record.js';
import type { RuleCondition } from '../../campaign/target-spec.js';

/** Fact names, including ones that exist on Object.prototype and a record field. */
export const factNames = [
  'a',
  'b',
  'n',
  's',
  'g',
  'toString',
  'constructor',
  'deviceType',
  'location',
] as const;

const inherited: Record<string, unknown> = Object.create({ a: 1, inheritedKey: 'x' });
inherited.own = 2;

/** Values a condition's literal `value` may hold. */
export const literalValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  0,
  -0,
  1,
  2.5,
  3,
  1e21,
  '3',
  '10',
  '9',
  ' 3',
  '3abc',
  '0x10',
  '',
  '3.1.4',
  'a,b',
  'Shenzhen,Shanghai',
  'zhen',
  'undefined',
  null,
  true,
  false,
  [],
  [null],
  [3],
  ['3', '10'],
  ['a', 1, null],
  [[3]],
  ['Shenzhen', 'Shanghai', 'zhen', 3, '3', 0, '', 'a', 'b', 'x'],
  {},
  { a: 1 },
  { toString: 'x' },
);

/** Values a record's fact may hold: the literal pool plus what only data can carry. */
export const recordValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: literalValue },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      10n,
      [3, '3', 'Shenzhen'],
      { a: { b: 3 }, 'a.b': 4, length: 2 },
      { g: [1, 2, 3], x: [0, 5] },
      inherited,
      [{ a: 1 }, { a: 5 }],
      'Shenzhen',
      'beta',
    ),
  },
  // Pathological but plain JSON: an object with a non-callable toString makes string/number conversion throw.
  { weight: 1, arbitrary: fc.constantFrom<unknown>({ toString: 1 }, [{ toString: 1 }]) },
);

/** Paths: plain walks, quirky ones, and full JSONPath that takes the jsonpath-plus route. */
export const pathArb: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined,
  undefined,
  undefined,
  '',
  '$',
  '$.a',
  'a',
  '$.a.b',
  "$['a.b']",
  '$.length',
  '$[0]',
  '$.g[-1]',
  '$.g[-1:]',
  '$.*',
  '$..a',
  '$.x[0,1]',
  '$.constructor',
  '$.own',
  '$.inheritedKey',
  'toString',
  '$[?(@.a > 1)]',
);

const baseOperators = [
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
] as const;
const decoratorNames = ['someFact', 'everyFact', 'someValue', 'everyValue', 'swap', 'not'] as const;

/** An operator: mostly built-ins, often decorated (chains up to 3), rarely unknown. */
export const operatorArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...baseOperators) },
  {
    weight: 15,
    arbitrary: fc
      .tuple(
        fc.array(fc.constantFrom(...decoratorNames), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...baseOperators),
      )
      .map(([decorators, base]) => [...decorators, base].join(':')),
  },
  { weight: 1, arbitrary: fc.constantFrom('unknownOp', 'not:', ':equal', 'bogus:equal') },
);

const priorityArb = fc.constantFrom(undefined, undefined, undefined, 1, 2, 3, 0, -1, 2.5);

const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: literalValue },
  {
    weight: 1,
    arbitrary: fc
      .record({ fact: fc.constantFrom(...factNames, 'missing'), path: pathArb })
      .map(({ fact, path }) => (path === undefined ? { fact } : { fact, path })),
  },
);

function withPriority<T extends object>(node: T, priority: number | undefined): T {
  return priority === undefined ? node : { ...node, priority };
}

/** Names the generated named conditions use; `missing` is never defined. */
export const conditionNames = ['c0', 'c1', 'c2'] as const;

/** Values `in`, `notIn`, `someValue` and `everyValue` accept, so that most generated rules compile. */
const listValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  [],
  [null],
  [3],
  ['3', '10'],
  ['a', 1, null],
  [[3], 'a,b'],
  ['Shenzhen', 'Shanghai', 'zhen', 3, '3', 0, '', 'a', 'b', 'x'],
  'Shenzhen,Shanghai',
  'a,b',
  '',
);

/** Values the `someValue`/`everyValue` decorators accept: arrays, some of arrays for nested decorators. */
const arrayValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  [],
  [3, '3'],
  ['3', '10', 'Shenzhen'],
  [['a', 'b'], ['x']],
  [[3], [[3], [1]]],
  [['Shenzhen', 'zhen'], 'Shenzhen,Shanghai'],
  [null, 0, '', 'a'],
);

const leafArb: fc.Arbitrary<RuleCondition> = fc
  .record({
    fact: fc.constantFrom(...factNames, 'missing'),
    operator: operatorArb,
    value: valueArb,
    list: listValue,
    array: arrayValue,
    pickList: fc.integer({ min: 0, max: 9 }),
    path: pathArb,
    priority: priorityArb,
  })
  .map(({ fact, operator, value: anyValue, list, array, pickList, path, priority }) => {
    const wantsArray = /(^|:)(someValue|everyValue):/u.test(operator);
    const wantsList = /(^|:)(in|notIn)$/u.test(operator);
    const isReference = typeof anyValue === 'object' && anyValue !== null && 'fact' in anyValue;
    const preferred = wantsArray ? array : wantsList ? list : anyValue;
    const value = !isReference && pickList < 9 ? preferred : anyValue;
    return withPriority(
      path === undefined ? { fact, operator, value } : { fact, operator, value, path },
      priority,
    );
  });

/** Condition trees of depth ≤ 4 over the pools above, with references to `refs`. */
export function conditionArb(refs: readonly string[]): fc.Arbitrary<RuleCondition> {
  const tree = fc.letrec<{ node: RuleCondition }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: 4, withCrossShrink: true },
      leafArb,
      fc
        .record({ all: fc.array(tie('node'), { maxLength: 4 }), priority: priorityArb })
        .map(({ all, priority }) => withPriority({ all }, priority)),
      fc
        .record({ any: fc.array(tie('node'), { maxLength: 4 }), priority: priorityArb })
        .map(({ any, priority }) => withPriority({ any }, priority)),
      fc
        .record({ not: tie('node'), priority: priorityArb })
        .map(({ not, priority }) => withPriority({ not }, priority)),
      ...(refs.length > 0
        ? [
            fc
              .record({ condition: fc.constantFrom(...refs), priority: priorityArb })
              .map(({ condition, priority }) => withPriority({ condition }, priority)),
          ]
        : []),
    ),
  }));
  return tree.node;
}

/** A root: all/any/not (several keys sometimes, as json-rules-engine allows) or a reference. */
export function rootArb(refs: readonly string[]): fc.Arbitrary<RuleCondition> {
  const node = conditionArb(refs);
  return fc.oneof(
    fc.array(node, { maxLength: 4 }).map((all) => ({ all })),
    fc.array(node, { maxLength: 4 }).map((any) => ({ any })),
    node.map((not) => ({ not })),
    fc
      .tuple(fc.array(node, { maxLength: 3 }), fc.array(node, { maxLength: 3 }))
      .map(([any, all]) => ({ any, all }) as unknown as RuleCondition),
    ...(refs.length > 0 ? [fc.constantFrom(...refs).map((condition) => ({ condition }))] : []),
  );
}

/** Named conditions c0..c2, where ci may reference only cj with j < i (no cycles). */
/** References a root may make: mostly to defined names, sometimes to the undefined `missing`. */
export const rootReferences = ['c0', 'c1', 'c2', 'c0', 'c1', 'c2', 'missing'] as const;

export const namedConditionsArb: fc.Arbitrary<Record<string, RuleCondition>> = fc
  .tuple(rootArb([]), rootArb(['c0']), rootArb(['c0', 'c1']))
  .map(([c0, c1, c2]) => ({ c0, c1, c2 }));

/** A device record: facts spread over record fields and `record.facts`, with clashes and missing keys. */
export const recordArb: fc.Arbitrary<DeviceRecord> = fc
  .record({
    fields: fc.dictionary(fc.constantFrom(...factNames), recordValue, { maxKeys: 4 }),
    facts: fc.option(fc.dictionary(fc.constantFrom(...factNames, 'facts'), recordValue, { maxKeys: 5 }), {
      nil: undefined,
    }),
  })
  .map(({ fields, facts }) => {
    const record: Record<string, unknown> = { id: 'device-1' };
    for (const [key, value] of Object.entries(fields)) {
      Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    }
    if (facts !== undefined) record.facts = facts;
    return record as unknown as DeviceRecord;
  });
