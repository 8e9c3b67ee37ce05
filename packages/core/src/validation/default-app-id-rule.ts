import type { AppIdRuleV1 } from '../adapter/v1/app-id-rule-v1.js';

/** v5 `app_id`: at most 36 of letters, digits, `_` and `-` (stricter than legacy String(64)). */
export const defaultAppIdRule: AppIdRuleV1 = {
  pattern: /^[A-Za-z0-9_-]{1,36}$/,
  description: 'letters, digits, _ and -, at most 36 characters',
};
