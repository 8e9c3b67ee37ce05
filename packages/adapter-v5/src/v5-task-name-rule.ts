import type { TaskNameRuleV1 } from '@fleetcast/core';

/**
 * IoTDA v5 `task_name`: at most 128 characters of letters, digits, `_` and Chinese characters.
 *
 * The Chinese SDK docstrings allow Chinese characters; the English API page lists only letters, digits
 * and `_`. This rule follows the Chinese text and admits the CJK Unified Ideographs block
 * (U+4E00–U+9FFF), the range Huawei's own validators use; use {@link v5AsciiTaskNameRule} for the
 * English reading.
 */
export const v5TaskNameRule: TaskNameRuleV1 = Object.freeze({
  maxLength: 128,
  allowedCharacter: /^[A-Za-z0-9_\u4e00-\u9fff]$/u,
  description: 'letters, digits, _ and Chinese characters',
});

/** The English v5 documentation's reading of `task_name`: at most 128 of letters, digits and `_`. */
export const v5AsciiTaskNameRule: TaskNameRuleV1 = Object.freeze({
  maxLength: 128,
  allowedCharacter: /^[A-Za-z0-9_]$/u,
  description: 'letters, digits and _',
});
