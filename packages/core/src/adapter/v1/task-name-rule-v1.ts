/**
 * What a task name may contain on a platform. The planner shortens the campaign-name part, never the
 * suffix, to stay within `maxLength`.
 */
export interface TaskNameRuleV1 {
  maxLength: number;
  /** Matches one allowed character (tested per code point). */
  allowedCharacter: RegExp;
  /** How the rule reads in messages, e.g. "letters, digits, _ and Chinese characters". */
  description: string;
}
