import type { TaskNameRule } from '../adapter/v1/task-name-rule.js';

/**
 * IoTDA v5 `task_name`: at most 128 characters of letters, digits, `_` and Chinese characters.
 *
 * The Chinese SDK docstrings allow Chinese characters; the English API page lists only letters, digits
 * and `_`. This rule follows the Chinese text and admits the CJK Unified Ideographs block
 * (U+4E00–U+9FFF), the range Huawei's own validators use; use {@link v5AsciiTaskNameRule} for the
 * English reading.
 */
export const v5TaskNameRule: TaskNameRule = Object.freeze({
  maxLength: 128,
  allowedCharacter: /^[A-Za-z0-9_\u4e00-\u9fff]$/u,
  description: 'letters, digits, _ and Chinese characters',
});

/** The English v5 documentation's reading of `task_name`: at most 128 of letters, digits and `_`. */
export const v5AsciiTaskNameRule: TaskNameRule = Object.freeze({
  maxLength: 128,
  allowedCharacter: /^[A-Za-z0-9_]$/u,
  description: 'letters, digits and _',
});

/**
 * Legacy OceanConnect `taskName`: at most 256 characters. The documents name no alphabet, so any
 * character is allowed except control characters, which no platform or log renders safely.
 */
export const legacyTaskNameRule: TaskNameRule = Object.freeze({
  maxLength: 256,
  allowedCharacter: /^\P{Cc}$/u,
  description: 'any character except control characters',
});

/** The stricter of both platforms' rules (v5), used when no adapter or rule is given. */
export const defaultTaskNameRule: TaskNameRule = v5TaskNameRule;

/**
 * Why `name` breaks `rule`, or `undefined` when it is valid. Length counts UTF-16 code units (what the
 * platforms' Java back ends count), characters are tested per code point.
 */
export function describeTaskNameProblem(name: string, rule: TaskNameRule): string | undefined {
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
export function describeTaskNameRule(rule: TaskNameRule): string {
  return `${rule.description}, at most ${rule.maxLength} characters`;
}
