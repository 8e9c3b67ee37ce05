import type { TaskNameRuleV1 } from '../adapter/v1/task-name-rule-v1.js';

/**
 * The rule when neither an adapter nor a rule is given: the stricter of both platforms' (IoTDA v5: at most
 * 128 characters of letters, digits, `_` and CJK ideographs U+4E00–U+9FFF; legacy allows 256 of anything
 * but control characters). The adapters carry their own rules (`v5TaskNameRule`, `legacyTaskNameRule`).
 */
export const defaultTaskNameRule: TaskNameRuleV1 = Object.freeze({
  maxLength: 128,
  allowedCharacter: /^[A-Za-z0-9_\u4e00-\u9fff]$/u,
  description: 'letters, digits, _ and Chinese characters',
});

/**
 * Why `name` breaks `rule`, or `undefined` when it is valid. Length counts UTF-16 code units (what the
 * platforms' Java back ends count), characters are tested per code point.
 */
export function describeTaskNameProblem(name: string, rule: TaskNameRuleV1): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > rule.maxLength) return `is ${name.length} characters long`;
  for (const character of name) {
    if (!rule.allowedCharacter.test(character)) {
      return `contains ${JSON.stringify(character)}, which is not allowed`;
    }
  }
  return undefined;
}

/** How a rule reads in a message: "letters, digits, _ and Chinese characters, at most 128 characters". */
export function describeTaskNameRule(rule: TaskNameRuleV1): string {
  return `${rule.description}, at most ${rule.maxLength} characters`;
}
