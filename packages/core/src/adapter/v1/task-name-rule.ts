// The former name, kept while other branches still import it from here; use TaskNameRuleV1.
import type { TaskNameRuleV1 } from './task-name-rule-v1.js';

/** @deprecated Renamed {@link TaskNameRuleV1}. */
export type TaskNameRule = TaskNameRuleV1;
