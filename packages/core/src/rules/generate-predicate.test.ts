import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleCondition } from '../campaign/target-spec.js';
import type { DeviceRecord } from '../directory/device-record.js';
import { jreOutcome } from './__test-helpers__/jre-oracle.js';
import { literalValue, recordArb } from './__test-helpers__/rule-arbitraries.js';
import { compileConditions } from './compile-conditions.js';
import { javascriptString, predicateSource } from './generate-predicate.js';
import { buildRuleTree } from './rule-tree.js';

const hostile = [
  '"',
  "'",
  '\\',
  '\\"',
  '*/',
  '/*',
  '//',
  '`',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the point is text that would run inside a template literal
  '${globalThis.pwned = 1}',
  '"); globalThis.pwned = 1; ("',
  "']); globalThis.pwned = 1; (['",
  '\u2028',
  '\u2029',
  'a\u2028b\u2029c',
  '\n',
  '\r\n',
  '\0',
  '\ud800',
  '__proto__',
  'constructor',
  'toString',
  '</script>',
  '',
];

const operators = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'greaterThanInclusive',
];

function compileBoth(conditions: RuleCondition, strict: boolean) {
  const generated = compileConditions(conditions, { strict });
  const closures = compileConditions(conditions, { strict, codeGeneration: false });
  if (generated.kind !== 'compiled' || closures.kind !== 'compiled')
    throw new Error('expected compiled rules');
  expect([generated.backend, closures.backend]).toEqual(['generated', 'closures']);
  return { generated, closures };
}

/** A record whose own keys are exactly the given entries (`__proto__` included, as JSON.parse makes it). */
function recordWith(entries: readonly (readonly [string, unknown])[], underFacts: boolean): DeviceRecord {
  const target: Record<string, unknown> = underFacts ? {} : { id: 'd' };
  for (const [key, value] of entries) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return (underFacts ? { id: 'd', facts: target } : target) as unknown as DeviceRecord;
}

describe('javascriptString', () => {
  it('gives a literal that evaluates back to the same text, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...hostile)), (text) => {
        const literal = javascriptString(text);
        expect(literal).not.toMatch(/[\u2028\u2029\n\r]/u);
        expect(new Function(`return ${literal};`)()).toBe(text);
      }),
    );
  });
});

describe('generated predicates: hostile fact names, values and paths', () => {
  it('never run input as code, and agree with the closure tree and json-rules-engine', async () => {
    (globalThis as Record<string, unknown>).pwned = undefined;
    for (const text of hostile) {
      for (const operator of operators) {
        const value = operator.endsWith('In') || operator === 'in' ? [text, 'x'] : text;
        const conditions: RuleCondition = {
          any: [
            { fact: text, operator, value },
            {
              fact: 'tags',
              path: `$[${JSON.stringify(text).replaceAll('"', "'")}]`,
              operator: 'equal',
              value: text,
            },
          ],
        };
        for (const strict of [false, true]) {
          let compiled: ReturnType<typeof compileBoth>;
          try {
            compiled = compileBoth(conditions, strict);
          } catch (error) {
            // Only the rule compiler's own refusals are acceptable (never a SyntaxError from generated code).
            expect((error as { code?: string }).code).toMatch(/^FLEETCAST_RULES_/u);
            continue;
          }
          const records = [
            recordWith([[text, text]], false),
            recordWith([[text, [text]]], true),
            recordWith([['tags', recordWith([[text, text]], false)]], false),
            recordWith([], false),
          ];
          for (const record of records) {
            const expected = await jreOutcome(conditions, {}, record, {
              strict,
              allowUndefinedConditions: false,
            });
            expect(compiled.generated.evaluate(record)).toBe(compiled.closures.evaluate(record));
            expect(compiled.generated.evaluate(record)).toBe(expected);
          }
        }
      }
    }
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('keep arbitrary strings out of the source except as escaped literals', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (fact, value) => {
        const conditions: RuleCondition = {
          all: [
            { fact, operator: 'equal', value },
            { fact, operator: 'in', value: [value, `${value}!`] },
            { fact: 'nested', path: `$.a[${JSON.stringify(value)}]`, operator: 'notEqual', value: fact },
          ],
        };
        const tree = buildRuleTree(conditions, {
          strict: false,
          allowUndefinedConditions: false,
          customOperators: new Set(),
          dynamicFacts: new Set(),
        });
        const { source } = predicateSource(tree.root, false);
        // It parses: no text closed a string literal or a comment.
        expect(
          () => new Function('h', 'isArray', 'isNum', 'miss', 'M', 'U', 'K', 'gp', 'OP', source),
        ).not.toThrow();
        const { generated, closures } = compileBoth(conditions, false);
        const record = { id: 'd', facts: { [fact]: value, nested: { a: { [value]: 1 } } } } as DeviceRecord;
        expect(generated.evaluate(record)).toBe(closures.evaluate(record));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a __proto__ fact as an own field, never the prototype', () => {
    const record = JSON.parse('{"id":"d","__proto__":"x","facts":{"__proto__":"y"}}') as DeviceRecord;
    const { generated, closures } = compileBoth(
      { all: [{ fact: '__proto__', operator: 'equal', value: 'x' }] },
      false,
    );
    expect(generated.evaluate(record)).toBe('matched');
    expect(closures.evaluate(record)).toBe('matched');
    const onPrototypeOnly = compileBoth(
      { all: [{ fact: '__proto__', operator: 'notEqual', value: undefined }] },
      true,
    );
    expect(onPrototypeOnly.generated.evaluate({ id: 'd' })).toBe('unevaluable');
  });

  it('never reads a fact inherited from Object.prototype, even one added after the rule was warmed up', () => {
    const { generated, closures } = compileBoth(
      { all: [{ fact: 'pollutedFact', operator: 'equal', value: undefined }] },
      false,
    );
    const records: DeviceRecord[] = [
      { id: 'd' },
      { id: 'd', facts: {} },
      { id: 'd', facts: Object.create(null) as Record<string, unknown> },
    ];
    for (let pass = 0; pass < 2_000; pass++) {
      for (const record of records) expect(generated.evaluate(record)).toBe('matched');
    }
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.pollutedFact = 1;
    try {
      for (const record of records) {
        expect(generated.evaluate(record)).toBe('matched');
        expect(closures.evaluate(record)).toBe('matched');
      }
      expect(generated.evaluate({ id: 'd', facts: { pollutedFact: 2 } } as DeviceRecord)).toBe('unmatched');
    } finally {
      delete prototype.pollutedFact;
    }
  });
});

describe('generated predicates: long `in` lists (the Set path)', () => {
  it('agree with json-rules-engine on lists of 9 to 60 values, -0, NaN and objects included', async () => {
    const member = fc.oneof(
      literalValue,
      fc.integer({ min: -5, max: 60 }),
      fc.constantFrom<unknown>(Number.NaN, -0, { a: 1 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(member, { minLength: 9, maxLength: 60 }),
        fc.constantFrom('in', 'notIn'),
        fc.array(recordArb, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (list, operator, records, strict) => {
          const conditions = { all: [{ fact: 'a', operator, value: list }] } as RuleCondition;
          const { generated, closures } = compileBoth(conditions, strict);
          for (const record of records) {
            const expected = await jreOutcome(conditions, {}, record, {
              strict,
              allowUndefinedConditions: false,
            });
            expect(generated.evaluate(record)).toBe(expected);
            expect(closures.evaluate(record)).toBe(expected);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('hosts that forbid code generation', () => {
  it('fall back to the closure tree under --disallow-code-generation-from-strings, with the same answers', () => {
    const core = fileURLToPath(new URL('../..', import.meta.url));
    const script = `
      const { compileConditions } = await import('./src/rules/compile-conditions.js');
      const rule = compileConditions({ all: [{ fact: 'a', operator: 'in', value: ['x', 'y'] }, { fact: 'n', operator: 'lessThan', value: 3 }] });
      const outcomes = [{ id: 'd', a: 'x', n: 2 }, { id: 'd', a: 'x', n: '9' }, { id: 'd', facts: { a: 'y', n: '2' } }].map((r) => rule.evaluate(r));
      console.log(JSON.stringify({ backend: rule.backend, outcomes }));`;
    const run = (flags: string[]) =>
      JSON.parse(
        execFileSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script], {
          cwd: core,
          encoding: 'utf8',
        }),
      ) as { backend: string; outcomes: string[] };
    const forbidden = run(['--disallow-code-generation-from-strings']);
    const allowed = run([]);
    expect(forbidden.backend).toBe('closures');
    expect(allowed.backend).toBe('generated');
    expect(forbidden.outcomes).toEqual(['matched', 'unmatched', 'matched']);
    expect(allowed.outcomes).toEqual(forbidden.outcomes);
  });
});
