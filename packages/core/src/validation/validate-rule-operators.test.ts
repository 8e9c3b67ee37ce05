import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleCompileError } from '../errors/rule-compile-error.js';
import { compileConditions } from '../rules/compile-conditions.js';
import { validateCampaign } from './validate-campaign.js';

const operator = fc.constantFrom(
  'equal',
  'greaterThan',
  'someFact:equal',
  'everyFact:lessThan',
  'not:equal',
  'bogus',
  'someFact:bogus',
  'equals',
  'custom:near',
  'near',
);
const custom = fc.subarray(['near', 'custom:near']);

describe('validateCampaign: rule operators', () => {
  it('refuses exactly the operators the rule compiler refuses (built-ins, decorated, and the named custom ones)', () => {
    fc.assert(
      fc.property(fc.array(operator, { minLength: 1, maxLength: 4 }), custom, (operators, customNames) => {
        const conditions = { all: operators.map((name) => ({ fact: 'firmware', operator: name, value: 1 })) };
        const campaign = {
          name: 'rules',
          target: { type: 'Rules', conditions },
          operation: { type: 'deleteDevices' },
        };
        const issues = validateCampaign(campaign, { ruleOperators: customNames }).filter(
          (issue) => issue.code === 'unknown_operator',
        );
        let compileRefused = false;
        try {
          compileConditions(conditions as never, {
            customOperators: Object.fromEntries(customNames.map((name) => [name, () => true])),
          });
        } catch (error) {
          if (!(RuleCompileError.isInstance(error) && error.code === 'FLEETCAST_RULES_UNKNOWN_OPERATOR'))
            throw error;
          compileRefused = true;
        }
        expect(issues.length > 0).toBe(compileRefused);
        for (const issue of issues) expect(issue.message).toMatch(/is not an operator \(built-in: equal, /);
      }),
      { numRuns: 300 },
    );
  });
});
