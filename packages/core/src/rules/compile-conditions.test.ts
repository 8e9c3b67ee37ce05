import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../directory/device-record.js';
import type { RuleCondition } from '../campaign/target-spec.js';
import { jreOutcome } from './__test-helpers__/jre-oracle.js';
import { compileConditions } from './compile-conditions.js';
import { RuleCompileError } from '../errors/rule-compile-error.js';

const reference: RuleCondition = {
  all: [
    { fact: 'deviceType', operator: 'equal', value: 'WaterMeter' },
    { fact: 'firmwareVersion', operator: 'lessThan', value: 3 },
    {
      any: [
        { fact: 'location', operator: 'in', value: ['Shenzhen', 'Shanghai'] },
        { fact: 'groupNames', operator: 'contains', value: 'beta' },
      ],
    },
  ],
};

function compileError(
  conditions: unknown,
  options: Parameters<typeof compileConditions>[1] = {},
): RuleCompileError {
  try {
    compileConditions(conditions as RuleCondition, options);
  } catch (error) {
    if (RuleCompileError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a RuleCompileError');
}

describe('compileConditions: static errors', () => {
  it('names the field and the bad value of an `in` literal', () => {
    const error = compileError({ all: [{ fact: 'a', operator: 'in', value: 5 }] });
    expect(error.code).toBe('FLEETCAST_RULES_BAD_VALUE');
    expect(error.location).toBe('conditions.all[0].value');
    expect(error.message).toContain('needs an array or a string value, got 5');
  });

  it('refuses a non-array value under someValue, even when nested in decorators', () => {
    const error = compileError({ any: [{ fact: 'a', operator: 'not:someValue:equal', value: 'x' }] });
    expect(error.code).toBe('FLEETCAST_RULES_BAD_VALUE');
    expect(error.message).toContain('"someValue" needs an array value');
  });

  it('checks each element that someValue passes to in', () => {
    expect(compileError({ all: [{ fact: 'a', operator: 'someValue:in', value: [['x'], 3] }] }).code).toBe(
      'FLEETCAST_RULES_BAD_VALUE',
    );
  });

  it('reports unknown operators and decorators with the location', () => {
    for (const operator of ['equals', 'bogus:equal', ':equal', 'not:']) {
      const error = compileError({ all: [{ fact: 'a', operator, value: 1 }] });
      expect(error.code).toBe('FLEETCAST_RULES_UNKNOWN_OPERATOR');
      expect(error.location).toBe('conditions.all[0].operator');
    }
  });

  it('reports a missing named condition and a cycle', () => {
    expect(compileError({ condition: 'x' }).code).toBe('FLEETCAST_RULES_MISSING_CONDITION');
    const cycle = compileError(
      { condition: 'a' },
      { namedConditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } } },
    );
    expect(cycle.code).toBe('FLEETCAST_RULES_CONDITION_CYCLE');
    expect(cycle.message).toContain('a → b → a');
  });

  it('refuses malformed trees as json-rules-engine addRule does', () => {
    expect(compileError({ fact: 'a', operator: 'equal', value: 1 }).code).toBe('FLEETCAST_RULES_INVALID');
    expect(compileError({ all: {} }).location).toBe('conditions.all');
    expect(compileError({ not: [] }).location).toBe('conditions.not');
    expect(compileError({ all: [{ fact: 'a', operator: 'equal' }] }).message).toContain('"value"');
    expect(
      compileError({ all: [{ condition: 'x', all: [] }] }, { namedConditions: { x: { all: [] } } }).code,
    ).toBe('FLEETCAST_RULES_INVALID');
    expect(compileError({ all: [{ fact: 'a', operator: 'equal', value: 1, priority: '2' }] }).location).toBe(
      'conditions.all[0].priority',
    );
  });

  it('does not modify the conditions it is given (json-rules-engine rewrites leaf priorities)', () => {
    const conditions = { all: [{ fact: 'a', operator: 'equal', value: 1, priority: 2.5 }, { all: [] }] };
    const before = structuredClone(conditions);
    compileConditions(conditions);
    expect(conditions).toEqual(before);
  });
});

describe('compileConditions: compiled path', () => {
  const rule = compileConditions(reference);
  if (rule.kind !== 'compiled') throw new Error('expected a compiled rule');

  it('lists the facts the rule reads', () => {
    expect([...rule.facts].sort()).toEqual(['deviceType', 'firmwareVersion', 'groupNames', 'location']);
  });

  it('explains the first failing condition with the fact value', () => {
    const explanation = rule.explain({ id: 'd', deviceType: 'WaterMeter', facts: { firmwareVersion: 4 } });
    expect(explanation.outcome).toBe('unmatched');
    expect(explanation.decisive).toEqual([
      expect.objectContaining({
        location: 'conditions.all[1]',
        fact: 'firmwareVersion',
        factValue: 4,
        result: false,
      }),
    ]);
  });

  it('explains an unevaluable device in strict mode without guessing', () => {
    const strict = compileConditions(reference, { strict: true });
    if (strict.kind !== 'compiled') throw new Error('expected a compiled rule');
    const device: DeviceRecord = { id: 'd', deviceType: 'Gas' };
    expect(strict.evaluate(device)).toBe('unevaluable');
    expect(strict.explain(device).error).toContain('fact "firmwareVersion" is not defined');
  });
});

describe('compileConditions: json-rules-engine path for custom operators', () => {
  const customOperators = {
    startsWith: (a: unknown, b: unknown) => typeof a === 'string' && a.startsWith(String(b)),
  };
  const conditions: RuleCondition = {
    all: [
      { fact: 'model', operator: 'startsWith', value: 'WM-' },
      { fact: 'firmwareVersion', operator: 'lessThan', value: 3 },
    ],
  };

  it('falls back to an Engine and gives its answers, in both modes', async () => {
    for (const strict of [false, true]) {
      const rule = compileConditions(conditions, { customOperators, strict });
      expect(rule.kind).toBe('engine');
      const devices: DeviceRecord[] = [
        { id: 'a', model: 'WM-2', facts: { firmwareVersion: 2 } },
        { id: 'b', model: 'GM-2', facts: { firmwareVersion: 2 } },
        { id: 'c', model: 'WM-2' },
      ];
      const options = { strict, allowUndefinedConditions: false };
      for (const device of devices) {
        expect(await rule.evaluateAsync(device)).toBe(
          await jreOutcome(conditions, {}, device, options, customOperators),
        );
      }
      expect(await rule.evaluateAsync(devices[2] as DeviceRecord)).toBe(strict ? 'unevaluable' : 'unmatched');
    }
  });

  it('loses no result when many evaluations overlap (one Engine per run, unlike issue #303)', async () => {
    const rule = compileConditions(
      {
        any: [
          { fact: 'n', operator: 'isEven', value: null, priority: 2 },
          { fact: 'n', operator: 'equal', value: -1 },
        ],
      },
      { customOperators: { isEven: (a: unknown) => (a as number) % 2 === 0 } },
    );
    const devices = Array.from({ length: 400 }, (_, n): DeviceRecord => ({ id: `d${n}`, facts: { n } }));
    const outcomes = await Promise.all(devices.map((device) => rule.evaluateAsync(device)));
    expect(outcomes.filter((outcome) => outcome === 'matched')).toHaveLength(200);
    expect(outcomes[3]).toBe('unmatched');
  });

  it('lets a registered operator whose name contains ":" win over decorator parsing', async () => {
    const conditions: RuleCondition = { all: [{ fact: 'a', operator: 'not:equal', value: 1 }] };
    const customOperators = { 'not:equal': (a: unknown, b: unknown) => a === b };
    const rule = compileConditions(conditions, { customOperators });
    expect(rule.kind).toBe('engine');
    const device: DeviceRecord = { id: 'd', facts: { a: 1 } };
    const options = { strict: false, allowUndefinedConditions: false };
    expect(await rule.evaluateAsync(device)).toBe('matched');
    expect(await jreOutcome(conditions, {}, device, options, customOperators)).toBe('matched');
  });

  it('keeps json-rules-engine quirks of custom operators: a truthy non-boolean passes only as sole child', async () => {
    const one = { one: () => 1 };
    const sole = compileConditions(
      { all: [{ fact: 'a', operator: 'one', value: 0 }] },
      { customOperators: one },
    );
    const nested = compileConditions(
      { all: [{ fact: 'a', operator: 'one', value: 0 }, { all: [] }] },
      { customOperators: one },
    );
    expect(await sole.evaluateAsync({ id: 'd' })).toBe('matched');
    expect(await nested.evaluateAsync({ id: 'd' })).toBe('unmatched');
  });
});
