/** The form of an application / resource-space ID (`policy.appId`) on one platform. */
export interface AppIdRuleV1 {
  pattern: RegExp;
  /** For messages: "letters, digits, _ and -, at most 36 characters". */
  description: string;
}
