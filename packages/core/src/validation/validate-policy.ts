import type { AppIdRuleV1 } from '../adapter/v1/app-id-rule-v1.js';
import { defaultAppIdRule } from './default-app-id-rule.js';
import { describeValue, isPlainObject } from '../errors/describe-value.js';
import { checkInteger, checkKnownFields, checkString, reportWrongType } from './field-checks.js';
import type { IssueCollector } from './issue-collector.js';

const policyFields = [
  'timeout',
  'maxRetransmit',
  'retryCount',
  'retryInterval',
  'scheduleTime',
  'callbackUrl',
  'groupTag',
  'tags',
  'appId',
] as const;

/** `yyyyMMdd'T'HHmmss'Z'`, the compact UTC form both platforms use. */
const compactUtcPattern = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const scheduleWindowMs = 7 * 24 * 60 * 60 * 1000;

/** Parses the compact UTC form, or `undefined` when it is malformed or names no real instant. */
export function parseCompactUtc(text: string): Date | undefined {
  const parts = compactUtcPattern.exec(text);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 20260231 over to March; a round trip catches impossible dates.
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return valid ? date : undefined;
}

/** Formats a date in the compact UTC form (seconds precision). */
export function formatCompactUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function checkScheduleTime(issues: IssueCollector, value: unknown, now: Date): void {
  const path = 'policy.scheduleTime';
  const format = "yyyyMMdd'T'HHmmss'Z', UTC";
  if (value === undefined) return;
  if (typeof value !== 'string') {
    reportWrongType(issues, path, value, `a string (${format})`);
    return;
  }
  const date = parseCompactUtc(value);
  if (!date) {
    issues.add(path, 'invalid_format', `${path}: ${describeValue(value)} is not a valid time (${format})`);
    return;
  }
  const latest = new Date(now.getTime() + scheduleWindowMs);
  if (date.getTime() < now.getTime() || date.getTime() > latest.getTime()) {
    issues.add(
      path,
      'out_of_range',
      `${path}: ${describeValue(value)} is not within the next 7 days ` +
        `(${formatCompactUtc(now)} to ${formatCompactUtc(latest)})`,
    );
  }
}

function checkCallbackUrl(issues: IssueCollector, value: unknown): void {
  const path = 'policy.callbackUrl';
  // The legacy create checks callbackUrl at most 1,024 characters (v5 has no such field).
  const url = checkString(issues, path, value, { max: 1024 });
  if (url === undefined || url.length === 0) return;
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    // A URL may carry credentials (`//user:password@host`): never echo them in a message.
    const shown = url.replace(/\/\/[^/?#]*@/u, '//…@');
    issues.add(path, 'invalid_format', `${path}: ${describeValue(shown)} is not an absolute http(s) URL`);
  }
}

function checkTags(issues: IssueCollector, value: unknown): void {
  const path = 'policy.tags';
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    reportWrongType(issues, path, value, 'a list of {name, value}');
    return;
  }
  value.forEach((tag: unknown, index) => {
    const tagPath = `${path}[${index}]`;
    if (!isPlainObject(tag)) {
      reportWrongType(issues, tagPath, tag, 'an object {name, value}');
      return;
    }
    checkKnownFields(issues, tagPath, tag, ['name', 'value']);
    checkString(issues, `${tagPath}.name`, tag.name, { min: 1, max: 128, required: true });
    checkString(issues, `${tagPath}.value`, tag.value, { min: 1, max: 1024, required: true });
  });
}

/** Checks `campaign.policy` against both platforms' documented limits. */
export function validatePolicy(
  issues: IssueCollector,
  policy: unknown,
  now: Date,
  appIdRule: AppIdRuleV1 = defaultAppIdRule,
): void {
  if (policy === undefined) return;
  if (!isPlainObject(policy)) {
    reportWrongType(issues, 'policy', policy, 'an object');
    return;
  }
  checkKnownFields(issues, 'policy', policy, policyFields);
  checkInteger(issues, 'policy.timeout', policy.timeout, { min: 10, max: 2880, unit: 'minutes' });
  checkInteger(issues, 'policy.maxRetransmit', policy.maxRetransmit, { min: 0, max: 3 });
  checkInteger(issues, 'policy.retryCount', policy.retryCount, { min: 1, max: 5 });
  checkInteger(issues, 'policy.retryInterval', policy.retryInterval, { min: 0, max: 1440, unit: 'minutes' });
  const hasCount = policy.retryCount !== undefined;
  const hasInterval = policy.retryInterval !== undefined;
  if (hasCount !== hasInterval) {
    const [given, missing] = hasCount ? ['retryCount', 'retryInterval'] : ['retryInterval', 'retryCount'];
    issues.add(
      `policy.${missing}`,
      'required_together',
      `policy.${missing} is required when policy.${given} is given (both or neither)`,
    );
  }
  checkScheduleTime(issues, policy.scheduleTime, now);
  checkCallbackUrl(issues, policy.callbackUrl);
  checkString(issues, 'policy.groupTag', policy.groupTag, { max: 256 }); // legacy param.groupTag
  checkTags(issues, policy.tags);
  if (policy.appId !== undefined) {
    if (typeof policy.appId !== 'string') {
      reportWrongType(issues, 'policy.appId', policy.appId, 'a string');
    } else if (!appIdRule.pattern.test(policy.appId)) {
      issues.add(
        'policy.appId',
        'invalid_format',
        `policy.appId: ${describeValue(policy.appId)} is not a valid app ID (${appIdRule.description})`,
      );
    }
  }
}
