/**
 * Fixed regression cases, one or more per ✓ of docs/../json-rules-engine-notes.md: each asserts the answer the
 * notes document AND that json-rules-engine 7.3.1 gives the same answer, so a drift on either side shows.
 */
import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../directory/device-record.js';
import type { RuleCondition } from '../campaign/target-spec.js';
import { jreOutcome } from './__test-helpers__/jre-oracle.js';
import { type RuleOutcome, compileConditions } from './compile-conditions.js';

interface Case {
  name: string;
  conditions: RuleCondition;
  record: Record<string, unknown>;
  expected: RuleOutcome;
  strict?: boolean;
  named?: Record<string, RuleCondition>;
  allowUndefinedConditions?: boolean;
}

const leaf = (fact: string, operator: string, value: unknown, path?: string): RuleCondition =>
  path === undefined ? { fact, operator, value } : { fact, operator, value, path };
const only = (condition: RuleCondition): RuleCondition => ({ all: [condition] });
const device = (facts: Record<string, unknown>): Record<string, unknown> => ({ id: 'd1', facts });

const shared = { same: [1] };

const cases: Case[] = [
  // Condition tree
  {
    name: 'any wins over all at the root',
    conditions: { any: [leaf('a', 'equal', 2)], all: [] } as never,
    record: device({ a: 1 }),
    expected: 'unmatched',
  },
  {
    name: 'all wins over not below the root',
    conditions: only({ all: [], not: leaf('a', 'equal', 1) } as never),
    record: device({ a: 1 }),
    expected: 'matched',
  },
  {
    name: 'a boolean key makes a node boolean even with fact',
    conditions: only({ any: [], fact: 'a', operator: 'equal', value: 9 } as never),
    record: device({ a: 1 }),
    expected: 'matched',
  },
  { name: 'empty all is true', conditions: { all: [] }, record: device({}), expected: 'matched' },
  { name: 'empty any is true', conditions: { any: [] }, record: device({}), expected: 'matched' },
  {
    name: 'not of empty all is false',
    conditions: { not: { all: [] } },
    record: device({}),
    expected: 'unmatched',
  },
  {
    name: 'same-group sibling error rejects a decided any (strict)',
    strict: true,
    conditions: { any: [leaf('a', 'equal', 1), leaf('zz', 'equal', 1)] },
    record: device({ a: 1 }),
    expected: 'unevaluable',
  },
  {
    name: 'a decisive higher-priority group prevents the error (strict)',
    strict: true,
    conditions: { any: [{ fact: 'a', operator: 'equal', value: 1, priority: 2 }, leaf('zz', 'equal', 1)] },
    record: device({ a: 1 }),
    expected: 'matched',
  },
  {
    name: 'a single child passes through without grouping (strict)',
    strict: true,
    conditions: { any: [leaf('a', 'equal', 1)] },
    record: device({ a: 1 }),
    expected: 'matched',
  },
  // Condition references
  {
    name: 'a reference evaluates the named condition',
    conditions: { all: [{ condition: 'beta' }] },
    named: { beta: { any: [leaf('g', 'contains', 'beta')] } },
    record: device({ g: ['beta'] }),
    expected: 'matched',
  },
  {
    name: 'a root reference',
    conditions: { condition: 'beta' },
    named: { beta: { not: leaf('a', 'equal', 1) } },
    record: device({ a: 1 }),
    expected: 'unmatched',
  },
  {
    name: 'references may nest',
    conditions: { condition: 'outer' },
    named: { inner: { all: [leaf('a', 'equal', 1)] }, outer: { any: [{ condition: 'inner' }] } },
    record: device({ a: 1 }),
    expected: 'matched',
  },
  {
    name: 'a missing reference is false under allowUndefinedConditions',
    allowUndefinedConditions: true,
    conditions: { any: [{ condition: 'nope' }] },
    record: device({}),
    expected: 'unmatched',
  },
  // Facts
  {
    name: 'an undefined fact is undefined by default, even with a path',
    conditions: only(leaf('zz', 'equal', undefined, '$.a')),
    record: device({}),
    expected: 'matched',
  },
  {
    name: 'an undefined fact rejects in strict mode',
    strict: true,
    conditions: only(leaf('zz', 'notEqual', 1)),
    record: device({}),
    expected: 'unevaluable',
  },
  {
    name: 'a key present with value undefined is defined (strict)',
    strict: true,
    conditions: only(leaf('a', 'equal', undefined)),
    record: device({ a: undefined }),
    expected: 'matched',
  },
  {
    name: 'params are ignored for record facts',
    conditions: only({ fact: 'a', operator: 'equal', value: 1, params: { x: 1 } }),
    record: device({ a: 1 }),
    expected: 'matched',
  },
  {
    name: 'a path on a primitive yields the primitive',
    conditions: only(leaf('n', 'equal', 5, '$.x.y')),
    record: device({ n: 5 }),
    expected: 'matched',
  },
  {
    name: 'a wildcard path returns an array even for one match',
    conditions: only(leaf('o', 'contains', 1, '$.a.*')),
    record: device({ o: { a: { b: 1 } } }),
    expected: 'matched',
  },
  {
    name: 'a slice returns an array',
    conditions: only(leaf('o', 'equal', 3, '$.g[-1:]')),
    record: device({ o: { g: [1, 2, 3] } }),
    expected: 'unmatched',
  },
  {
    name: 'a negative index finds nothing',
    conditions: only(leaf('o', 'equal', undefined, '$.g[-1]')),
    record: device({ o: { g: [1, 2, 3] } }),
    expected: 'matched',
  },
  {
    name: 'a recursive-descent path returns an array',
    conditions: only(leaf('o', 'contains', 5, '$..a')),
    record: device({ o: { x: { a: 5 } } }),
    expected: 'matched',
  },
  {
    name: 'a union path returns an array',
    conditions: only(leaf('o', 'contains', 2, '$.g[0,1]')),
    record: device({ o: { g: [1, 2, 3] } }),
    expected: 'matched',
  },
  {
    name: 'a filter path returns an array of matches',
    conditions: only(leaf('o', 'someFact:greaterThan', 3, '$.g[?(@ > 1)]')),
    record: device({ o: { g: [1, 2, 4] } }),
    expected: 'matched',
  },
  {
    name: 'paths follow own properties only ($.constructor)',
    conditions: only(leaf('o', 'equal', undefined, '$.constructor')),
    record: device({ o: {} }),
    expected: 'matched',
  },
  {
    name: 'array length is an own property',
    conditions: only(leaf('o', 'equal', 2, '$.groups.length')),
    record: device({ o: { groups: ['a', 'b'] } }),
    expected: 'matched',
  },
  {
    name: 'the leading $ is optional',
    conditions: only(leaf('o', 'equal', 1, 'a.b')),
    record: device({ o: { a: { b: 1 } } }),
    expected: 'matched',
  },
  {
    name: '$.a.b does not match the key "a.b"',
    conditions: only(leaf('o', 'equal', 4, '$.a.b')),
    record: device({ o: { 'a.b': 4 } }),
    expected: 'unmatched',
  },
  {
    name: '$[\'a.b\'] matches the key "a.b"',
    conditions: only(leaf('o', 'equal', 4, "$['a.b']")),
    record: device({ o: { 'a.b': 4 } }),
    expected: 'matched',
  },
  {
    name: 'a path jsonpath-plus cannot cache (toString) rejects',
    conditions: only(leaf('o', 'equal', 1, 'toString')),
    record: device({ o: {} }),
    expected: 'unevaluable',
  },
  {
    name: 'a fact reference compares two facts',
    conditions: only(leaf('a', 'equal', { fact: 'b' })),
    record: device({ a: shared, b: shared }),
    expected: 'matched',
  },
  {
    name: 'a fact reference to an undefined fact rejects in strict mode',
    strict: true,
    conditions: only(leaf('a', 'equal', { fact: 'zz' })),
    record: device({ a: 1 }),
    expected: 'unevaluable',
  },
  {
    name: 'toString is a fact only when the record has it',
    conditions: only(leaf('toString', 'equal', undefined)),
    record: device({}),
    expected: 'matched',
  },
  // equal
  {
    name: "equal is strict: '3' is not 3",
    conditions: only(leaf('a', 'equal', 3)),
    record: device({ a: '3' }),
    expected: 'unmatched',
  },
  {
    name: 'NaN is never equal',
    conditions: only(leaf('a', 'equal', { fact: 'a' })),
    record: device({ a: Number.NaN }),
    expected: 'unmatched',
  },
  {
    name: 'notEqual NaN is true',
    conditions: only(leaf('a', 'notEqual', Number.NaN)),
    record: device({ a: Number.NaN }),
    expected: 'matched',
  },
  {
    name: '-0 equals 0',
    conditions: only(leaf('a', 'equal', 0)),
    record: device({ a: -0 }),
    expected: 'matched',
  },
  {
    name: 'an array never equals a JSON literal',
    conditions: only(leaf('a', 'equal', [1])),
    record: device({ a: [1] }),
    expected: 'unmatched',
  },
  // in / notIn
  {
    name: 'in with a string value is a substring test',
    conditions: only(leaf('a', 'in', 'Shenzhen,Shanghai')),
    record: device({ a: 'zhen' }),
    expected: 'matched',
  },
  {
    name: "'' is in every string",
    conditions: only(leaf('a', 'in', 'abc')),
    record: device({ a: '' }),
    expected: 'matched',
  },
  {
    name: "undefined is searched as 'undefined'",
    conditions: only(leaf('zz', 'in', 'is undefined here')),
    record: device({}),
    expected: 'matched',
  },
  {
    name: 'in with a number value from a fact reference rejects',
    conditions: only(leaf('a', 'in', { fact: 'b' })),
    record: device({ a: 1, b: 5 }),
    expected: 'unevaluable',
  },
  {
    name: 'indexOf never finds NaN',
    conditions: only(leaf('a', 'in', [Number.NaN, 1, 2, 3, 4, 5, 6, 7, 8, 9])),
    record: device({ a: Number.NaN }),
    expected: 'unmatched',
  },
  {
    name: 'notIn on an undefined fact is true',
    conditions: only(leaf('zz', 'notIn', ['x'])),
    record: device({}),
    expected: 'matched',
  },
  // contains
  {
    name: 'contains on a string is false',
    conditions: only(leaf('a', 'contains', 'b')),
    record: device({ a: 'abc' }),
    expected: 'unmatched',
  },
  {
    name: 'doesNotContain on a string is false too',
    conditions: only(leaf('a', 'doesNotContain', 'z')),
    record: device({ a: 'abc' }),
    expected: 'unmatched',
  },
  {
    name: 'doesNotContain on undefined is false',
    conditions: only(leaf('zz', 'doesNotContain', 'z')),
    record: device({}),
    expected: 'unmatched',
  },
  // numeric validator and comparison
  ...(
    [
      ['3abc', 'greaterThan', '3', 'matched'],
      [' 3', 'greaterThan', 2, 'matched'],
      ['0x10', 'lessThan', 20, 'matched'],
      [[3], 'lessThan', 5, 'matched'],
      [Number.NEGATIVE_INFINITY, 'lessThan', 0, 'matched'],
      [10n, 'greaterThan', 5, 'matched'],
      [null, 'lessThan', 5, 'unmatched'],
      [true, 'lessThan', 5, 'unmatched'],
      ['', 'lessThan', 5, 'unmatched'],
      [[], 'lessThan', 5, 'unmatched'],
      [{}, 'lessThan', 5, 'unmatched'],
      [new Date(0), 'lessThan', 5, 'unmatched'],
      [Number.NaN, 'lessThan', 5, 'unmatched'],
      ['10', 'lessThan', '9', 'matched'],
      ['10', 'lessThan', 9, 'unmatched'],
      ['3abc', 'lessThan', 5, 'unmatched'],
      [5, 'greaterThan', null, 'matched'],
      [5, 'lessThan', undefined, 'unmatched'],
      ['3.1.4', 'lessThan', '3.2', 'matched'],
    ] as const
  ).map(([a, operator, value, expected]) => ({
    name: `${String(a)} ${operator} ${String(value)}`,
    conditions: only(leaf('a', operator, value)),
    record: device({ a }),
    expected,
  })),
  // decorators
  {
    name: 'everyFact on [] is true',
    conditions: only(leaf('a', 'everyFact:equal', 1)),
    record: device({ a: [] }),
    expected: 'matched',
  },
  {
    name: 'someFact on a non-array is false',
    conditions: only(leaf('a', 'someFact:equal', 1)),
    record: device({ a: 1 }),
    expected: 'unmatched',
  },
  {
    name: 'someValue over a fact-referenced non-array rejects',
    conditions: only(leaf('a', 'someValue:equal', { fact: 'b' })),
    record: device({ a: 1, b: 1 }),
    expected: 'unevaluable',
  },
  {
    name: "not:lessThan on 'x' is true",
    conditions: only(leaf('a', 'not:lessThan', 3)),
    record: device({ a: 'x' }),
    expected: 'matched',
  },
  {
    name: 'swap moves the validator to the value',
    conditions: only(leaf('a', 'swap:contains', ['x', 'y'])),
    record: device({ a: 'y' }),
    expected: 'matched',
  },
  {
    name: 'decorators apply leftmost outermost',
    conditions: only(leaf('a', 'not:someFact:equal', 1)),
    record: device({ a: [2, 3] }),
    expected: 'matched',
  },
  // the clone json-rules-engine applies to conditions drops keys shadowing Object.prototype
  {
    name: 'a literal {toString} reaches operators as {}',
    conditions: only(leaf('a', 'greaterThanInclusive', { toString: 'x' })),
    record: device({ a: 0 }),
    expected: 'unmatched',
  },
  {
    name: 'a record object with a non-callable toString makes a comparison reject',
    conditions: only(leaf('a', 'lessThan', 3)),
    record: device({ a: [{ toString: 1 }] }),
    expected: 'unevaluable',
  },
  // record fields and facts
  {
    name: 'a NaN fact is refused by the validator before the literal is converted',
    conditions: only(leaf('a', 'lessThan', Object.create(null))),
    record: device({ a: Number.NaN }),
    expected: 'unmatched',
  },
  {
    name: "a Date literal compares by its time value, as after json-rules-engine's clone",
    conditions: only(leaf('a', 'lessThan', new Date(1000))),
    record: device({ a: 5 }),
    expected: 'matched',
  },
  {
    name: 'a record field wins over a facts entry',
    conditions: only(leaf('location', 'equal', 'Shenzhen')),
    record: { id: 'd1', location: 'Shenzhen', facts: { location: 'Paris' } },
    expected: 'matched',
  },
  {
    name: 'record.facts itself is not a fact',
    conditions: only(leaf('facts', 'equal', undefined)),
    record: { id: 'd1', facts: { a: 1 } },
    expected: 'matched',
  },
  {
    name: 'inherited facts entries are not facts',
    conditions: only(leaf('inheritedKey', 'equal', undefined)),
    record: { id: 'd1', facts: Object.create({ inheritedKey: 1 }) },
    expected: 'matched',
  },
  {
    name: 'an inherited record field is not a fact: the facts entry is read',
    conditions: only(leaf('location', 'equal', 'Paris')),
    record: Object.assign(Object.create({ location: 'Shenzhen' }), {
      id: 'd1',
      facts: { location: 'Paris' },
    }),
    expected: 'matched',
  },
  {
    name: 'an own record field holding undefined wins over a facts entry',
    conditions: only(leaf('location', 'equal', undefined)),
    record: { id: 'd1', location: undefined, facts: { location: 'Paris' } },
    expected: 'matched',
  },
  {
    name: 'an empty fact name is dropped, not an error',
    conditions: only(leaf('a', 'equal', 1)),
    record: device({ '': 0, a: 1 }),
    expected: 'matched',
  },
];

describe('compiled conditions: regression cases from the json-rules-engine notes', () => {
  it.each(cases)('$name', async (testCase) => {
    const options = {
      strict: testCase.strict ?? false,
      allowUndefinedConditions: testCase.allowUndefinedConditions ?? false,
    };
    const record = testCase.record as unknown as DeviceRecord;
    // Both back ends: the generated function and the closure tree (hosts that forbid code generation).
    for (const [codeGeneration, backend] of [
      [true, 'generated'],
      [false, 'closures'],
    ] as const) {
      const compiled = compileConditions(testCase.conditions, {
        ...options,
        namedConditions: testCase.named,
        codeGeneration,
      });
      if (compiled.kind !== 'compiled') throw new Error('expected a compiled rule');
      expect(compiled.backend).toBe(backend);
      expect(compiled.evaluate(record)).toBe(testCase.expected);
    }
    expect(await jreOutcome(testCase.conditions, testCase.named ?? {}, record, options)).toBe(
      testCase.expected,
    );
  });
});
