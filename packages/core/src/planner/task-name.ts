import type { TaskNameRuleV1 } from '../adapter/v1/task-name-rule-v1.js';
import { PlanningError } from '../errors/planning-error.js';

/** Which task of a campaign a name is for. */
export interface TaskNameParts {
  /** 1-based part number; omit when one task covers the whole campaign (or wave). */
  part?: number;
  /** 0-based wave, as in `TaskPlanV1.wave`; written 1-based (`_wave1`). Omit without waves. */
  wave?: number;
}

/** Cuts `text` to at most `budget` UTF-16 units without splitting a surrogate pair. */
function truncate(text: string, budget: number): string {
  if (text.length <= budget) return text;
  let cut = budget;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return text.slice(0, cut);
}

/**
 * The deterministic name of one task: `base` alone when there are no parts, otherwise `base` plus
 * `_wave<w>` and/or `_part<n>`. The suffix uses only letters, digits and `_`, valid on both platforms
 * (v5 forbids `-`). When the result would exceed `rule.maxLength`, the base is shortened, never the
 * suffix. Names stay unique within a plan: the suffix can always be read back from the end of the name.
 *
 * Throws `FLEETCAST_TASK_NAME_UNREPRESENTABLE` when the rule cannot hold the suffix plus one base character.
 *
 * @example
 * taskName('meters_fw_2_1', v5TaskNameRule, { part: 3 }); // 'meters_fw_2_1_part3'
 */
export function taskName(base: string, rule: TaskNameRuleV1, parts: TaskNameParts = {}): string {
  const wave = parts.wave === undefined ? '' : `_wave${parts.wave + 1}`;
  const part = parts.part === undefined ? '' : `_part${parts.part}`;
  const suffix = wave + part;
  for (const character of suffix) {
    if (!rule.allowedCharacter.test(character)) {
      throw new PlanningError(
        'FLEETCAST_TASK_NAME_UNREPRESENTABLE',
        `taskNameRule: the part suffix ${JSON.stringify(suffix)} contains ${JSON.stringify(character)}, ` +
          `which the rule forbids (${rule.description})`,
      );
    }
  }
  const budget = rule.maxLength - suffix.length;
  if (budget < 1) {
    throw new PlanningError(
      'FLEETCAST_TASK_NAME_UNREPRESENTABLE',
      `taskNameRule: at most ${rule.maxLength} characters leaves no room for the suffix ${JSON.stringify(suffix)}`,
    );
  }
  return truncate(base, budget) + suffix;
}
