import { describe, expect, it } from 'vitest';
import { expectOnly, issuesOf } from './__test-helpers__/campaign-fixtures.js';

describe('validateCampaign: Rules target shape', () => {
  const rules = (conditions: unknown, namedConditions?: unknown) => ({
    target: { type: 'Rules', conditions, ...(namedConditions === undefined ? {} : { namedConditions }) },
  });

  it('accepts all/any/not/condition/leaf trees with named conditions', () => {
    const tree = {
      all: [
        { fact: 'firmwareVersion', operator: 'lessThan', value: '2.1' },
        { not: { fact: 'location', operator: 'equal', value: 'lab' } },
        { any: [{ condition: 'recent' }, { fact: 'model', operator: 'in', value: ['A', 'B'] }] },
      ],
    };
    expect(
      issuesOf(rules(tree, { recent: { all: [{ fact: 'lastSeen', operator: 'greaterThan', value: 5 }] } })),
    ).toEqual([]);
  });

  it('refuses a bare leaf as the top condition or as a named condition, as json-rules-engine does', () => {
    const leaf = { fact: 'lastSeen', operator: 'greaterThan', value: 5 };
    const message = (path: string) =>
      `${path}: a rule's top condition (and each named condition) must be all, any, not or a condition ` +
      'reference; json-rules-engine refuses a bare fact/operator/value here (wrap it: {"all": [ … ]})';
    expectOnly(rules(leaf), 'target.conditions', 'invalid_root', message('target.conditions'));
    expectOnly(
      rules({ all: [{ condition: 'recent' }] }, { recent: leaf }),
      'target.namedConditions.recent',
      'invalid_root',
      message('target.namedConditions.recent'),
    );
  });

  it('accepts a node with several boolean keys and checks only the one json-rules-engine uses (any > all > not)', () => {
    const leaf = { fact: 'model', operator: 'equal', value: 'A' };
    expect(issuesOf(rules({ all: [leaf], any: [leaf], not: leaf }))).toEqual([]);
    // `all` is ignored next to `any`, so its bad content is not an issue; `any`'s is.
    expect(issuesOf(rules({ any: [leaf], all: 'ignored' }))).toEqual([]);
    // A boolean key also wins over fact/operator/value, which json-rules-engine then ignores.
    expect(issuesOf(rules({ all: [{ all: [leaf], fact: 'x', operator: 'bogus' }] }))).toEqual([]);
    expect(issuesOf(rules({ any: [], all: [leaf] })).map((issue) => issue.path)).toEqual([
      'target.conditions.any',
    ]);
    expect(issuesOf(rules({ all: [{ fact: 'model' }], not: 'ignored' })).map((issue) => issue.path)).toEqual([
      'target.conditions.all[0].operator',
      'target.conditions.all[0].value',
    ]);
  });

  it('reports a node that is none or several of the kinds', () => {
    expectOnly(
      rules({ priority: 1 }),
      'target.conditions',
      'invalid_condition',
      'target.conditions: a condition needs exactly one of all, any, not, condition, or fact/operator/value',
    );
    expectOnly(
      rules({ all: [{ condition: 'x' }], condition: 'x' }),
      'target.conditions',
      'ambiguous_condition',
      'target.conditions: a condition is one of all/any/not, condition, fact (found all, condition)',
    );
  });

  it('reports leaves without operator or value, empty lists and bad priorities', () => {
    const issues = issuesOf(
      rules({ all: [{ fact: 'model' }, { any: [] }, { condition: 'x', priority: 0 }] }),
    );
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['target.conditions.all[0].operator', 'required'],
      ['target.conditions.all[0].value', 'required'],
      ['target.conditions.all[1].any', 'empty_list'],
      ['target.conditions.all[2].priority', 'out_of_range'],
      ['target.conditions.all[2].condition', 'unknown_condition'],
    ]);
    expect(issues[4]!.message).toBe(
      'target.conditions.all[2].condition: "x" is not defined in target.namedConditions',
    );
  });

  it('reports reference cycles among named conditions', () => {
    expectOnly(
      rules({ condition: 'a' }, { a: { condition: 'b' }, b: { all: [{ condition: 'a' }] } }),
      'target.namedConditions',
      'condition_cycle',
      'target.namedConditions: conditions refer to each other in a cycle (a → b → a)',
    );
  });

  it('follows a 100,000-long chain of named conditions without overflowing the stack', () => {
    const named: Record<string, unknown> = {};
    for (let index = 0; index < 100_000; index++) named[`c${index}`] = { condition: `c${index + 1}` };
    named.c100000 = { all: [{ fact: 'model', operator: 'equal', value: 'A' }] };
    expect(issuesOf(rules({ condition: 'c0' }, named))).toEqual([]);
    named.c100000 = { condition: 'c5' };
    const issues = issuesOf(rules({ condition: 'c0' }, named));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'condition_cycle' });
    expect(issues[0]!.message).toBe(
      'target.namedConditions: conditions refer to each other in a cycle (c5 → c6 → c7 → c8 → c9 → … → c99999 → c100000 → c5)',
    );
  });

  it('stops at nesting deeper than 32 levels instead of overflowing the stack', () => {
    let deep: unknown = { fact: 'a', operator: 'equal', value: 1 };
    for (let level = 0; level < 10_000; level++) deep = { not: deep };
    const issues = issuesOf(rules(deep));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'too_deep' });
    expect(issues[0]!.message).toMatch(/nested deeper than 32 levels/);
  });
});

describe('validateCampaign: every rule-shape check has an example with its code and message', () => {
  const leaf = { fact: 'a', operator: 'equal', value: 1 };
  it.each([
    [
      { type: 'Rules' },
      'target.conditions',
      'required',
      'target.conditions is required (a condition object)',
    ],
    [
      { type: 'Rules', conditions: { all: [leaf] }, namedConditions: [] },
      'target.namedConditions',
      'wrong_type',
      'target.namedConditions: must be an object of name → condition, got an array (an array of 0)',
    ],
    [
      { type: 'Rules', conditions: { all: 'x' } },
      'target.conditions.all',
      'wrong_type',
      'target.conditions.all: must be a non-empty list of conditions, got a string ("x")',
    ],
    [
      { type: 'Rules', conditions: { all: [3] } },
      'target.conditions.all[0]',
      'wrong_type',
      'target.conditions.all[0]: must be a condition object (all, any, not, condition, or fact/operator/value), got a number (3)',
    ],
    [
      { type: 'Rules', conditions: { all: [{ ...leaf, fact: 1 }] } },
      'target.conditions.all[0].fact',
      'wrong_type',
      'target.conditions.all[0].fact: must be a string of at least 1 character, got a number (1)',
    ],
    [
      { type: 'Rules', conditions: { all: [{ ...leaf, operator: '' }] } },
      'target.conditions.all[0].operator',
      'too_short',
      'target.conditions.all[0].operator: "" is too short (at least 1 character)',
    ],
    [
      { type: 'Rules', conditions: { all: [{ fact: 'a', operator: 'equal' }] } },
      'target.conditions.all[0].value',
      'required',
      'target.conditions.all[0].value is required (a value or a fact reference {fact})',
    ],
    [
      { type: 'Rules', conditions: { all: [{ ...leaf, colour: 1 }] } },
      'target.conditions.all[0].colour',
      'unknown_field',
      'target.conditions.all[0].colour is not a known field (known: fact, operator, value, path, params, priority, name)',
    ],
    [
      { type: 'Rules', conditions: { all: [{ ...leaf, path: 3 }] } },
      'target.conditions.all[0].path',
      'wrong_type',
      'target.conditions.all[0].path: must be a string of at least 1 character, got a number (3)',
    ],
    [
      { type: 'Rules', conditions: { all: [{ ...leaf, params: 'x' }] } },
      'target.conditions.all[0].params',
      'wrong_type',
      'target.conditions.all[0].params: must be an object, got a string ("x")',
    ],
    [
      { type: 'Rules', conditions: { all: [{ condition: '' }] } },
      'target.conditions.all[0].condition',
      'too_short',
      'target.conditions.all[0].condition: "" is too short (at least 1 character)',
    ],
    [
      { type: 'Rules', conditions: { any: [] } },
      'target.conditions.any',
      'empty_list',
      'target.conditions.any is empty (at least one condition is needed)',
    ],
    [
      { type: 'Rules', conditions: { all: [leaf], priority: 0 } },
      'target.conditions.priority',
      'out_of_range',
      'target.conditions.priority: 0 must be a number above 0',
    ],
  ])('%j: %s %s', (target, path, code, message) => {
    expectOnly({ target }, path, code, message);
  });

  it('too_deep: names the limit', () => {
    let deep: unknown = { fact: 'a', operator: 'equal', value: 1 };
    for (let level = 0; level < 40; level++) deep = { not: deep };
    const path = `target.conditions${'.not'.repeat(32)}`;
    expectOnly(
      { target: { type: 'Rules', conditions: deep } },
      path,
      'too_deep',
      `${path}: conditions are nested deeper than 32 levels`,
    );
  });
});
