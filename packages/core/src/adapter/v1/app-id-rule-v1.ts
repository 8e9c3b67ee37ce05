/** The form of an application / resource-space ID (`policy.appId`) on one platform. */
export interface AppIdRuleV1 {
  pattern: RegExp;
  /** For messages: "letters, digits, _ and -, at most 36 characters". */
  description: string;
}

/** v5 `app_id`: at most 36 of letters, digits, `_` and `-` (stricter than legacy String(64)). */
export const defaultAppIdRule: AppIdRuleV1 = {
  pattern: /^[A-Za-z0-9_-]{1,36}$/,
  description: 'letters, digits, _ and -, at most 36 characters',
};
