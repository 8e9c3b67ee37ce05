import type { TaskNameRuleV1 } from '@fleetcast/core';

/**
 * Legacy OceanConnect `taskName`: at most 256 characters. The documents name no alphabet, so any
 * character is allowed except control characters, which no platform or log renders safely.
 */
export const legacyTaskNameRule: TaskNameRuleV1 = Object.freeze({
  maxLength: 256,
  allowedCharacter: /^\P{Cc}$/u,
  description: 'any character except control characters',
});
