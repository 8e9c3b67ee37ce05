import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeTaskNameProblem } from '../validation/task-name-rules.js';
import {
  legacyTaskNameRule,
  v5TaskNameRule,
} from '../validation/__test-helpers__/platform-task-name-rules.js';
import { PlanningError } from '../errors/planning-error.js';
import { taskName } from './task-name.js';
import type { TaskNameRuleV1 } from '../adapter/v1/task-name-rule-v1.js';

describe('taskName', () => {
  it('uses the base alone without parts and appends wave and part suffixes', () => {
    expect(taskName('meters_fw', v5TaskNameRule)).toBe('meters_fw');
    expect(taskName('meters_fw', v5TaskNameRule, { part: 3 })).toBe('meters_fw_part3');
    expect(taskName('meters_fw', v5TaskNameRule, { wave: 0 })).toBe('meters_fw_wave1');
    expect(taskName('meters_fw', v5TaskNameRule, { wave: 1, part: 12 })).toBe('meters_fw_wave2_part12');
  });

  it('shortens the base, never the suffix', () => {
    const base = 'b'.repeat(128);
    const name = taskName(base, v5TaskNameRule, { part: 250 });
    expect(name).toBe(`${'b'.repeat(120)}_part250`);
    expect(name).toHaveLength(128);
  });

  it('does not split a surrogate pair when shortening', () => {
    const rule: TaskNameRuleV1 = { maxLength: 9, allowedCharacter: /^\P{Cc}$/u, description: 'anything' };
    expect(taskName('ab😀cd', rule, { part: 1 })).toBe('ab_part1');
  });

  it('refuses a rule that cannot hold the suffix', () => {
    const noUnderscore: TaskNameRuleV1 = {
      maxLength: 64,
      allowedCharacter: /^[a-z0-9]$/u,
      description: 'a–z, 0–9',
    };
    expect(() => taskName('abc', noUnderscore, { part: 1 })).toThrow(PlanningError);
    const tiny: TaskNameRuleV1 = { ...v5TaskNameRule, maxLength: 6 };
    expect(() => taskName('abc', tiny, { part: 1 })).toThrow(
      'taskNameRule: at most 6 characters leaves no room for the suffix "_part1"',
    );
  });

  it('gives distinct, valid names to distinct parts of any base, even when the base is cut', () => {
    const base = fc
      .array(fc.constantFrom('a', '_', '1', 'p', '水'), { minLength: 1, maxLength: 140 })
      .map((characters) => characters.join(''));
    fc.assert(
      fc.property(
        base,
        fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 2, maxLength: 20 }),
        fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
        fc.constantFrom(v5TaskNameRule, legacyTaskNameRule),
        (text, parts, wave, rule) => {
          const names = parts.map((part) => taskName(text, rule, { part, wave }));
          expect(new Set(names).size).toBe(parts.length);
          for (const name of names) expect(describeTaskNameProblem(name, rule)).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
