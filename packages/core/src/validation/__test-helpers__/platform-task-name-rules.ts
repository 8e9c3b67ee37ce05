import type { TaskNameRuleV1 } from '../../adapter/v1/task-name-rule-v1.js';
import { defaultTaskNameRule } from '../task-name-rules.js';

// Core's tests plan and validate for both platforms without importing the adapter packages (core does not
// depend on them): these are the adapters' rules as test data, `v5TaskNameRule` being core's default.

/** adapter-v5's `v5TaskNameRule`. */
export const v5TaskNameRule: TaskNameRuleV1 = defaultTaskNameRule;

/** adapter-v5's `v5AsciiTaskNameRule`: the English documents' reading, without Chinese characters. */
export const v5AsciiTaskNameRule: TaskNameRuleV1 = {
  ...defaultTaskNameRule,
  allowedCharacter: /^[A-Za-z0-9_]$/u,
  description: 'letters, digits and _',
};

/** adapter-legacy's `legacyTaskNameRule`: 256 characters of anything but control characters. */
export const legacyTaskNameRule: TaskNameRuleV1 = {
  maxLength: 256,
  allowedCharacter: /^\P{Cc}$/u,
  description: 'any character except control characters',
};
