import type { TaskNameRuleV1 } from '../adapter/v1/task-name-rule-v1.js';

/**
 * The name of retry task `round` of task `name`: `<name>_r<round>`, the base cut (never the suffix) so that
 * it fits the platform's name rule. Deterministic, so that a resumed retry finds or refuses its own task.
 */
export function retryTaskName(name: string, round: number, rule: TaskNameRuleV1): string {
  const suffix = `_r${round}`;
  const base = [...name];
  return base.slice(0, Math.max(1, rule.maxLength - suffix.length)).join('') + suffix;
}
