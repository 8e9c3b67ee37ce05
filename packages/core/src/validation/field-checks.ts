import { describeValue, isPlainObject, jsonTypeOf } from '../errors/describe-value.js';
import type { IssueCollector } from './issue-collector.js';

/** Length limits of a string field. */
export interface StringBounds {
  min?: number;
  max?: number;
}

/** Reports a missing field. */
export function reportMissing(issues: IssueCollector, path: string, expected: string): void {
  issues.add(path, 'required', `${path} is required (${expected})`);
}

/** Reports a value of the wrong JSON type. */
export function reportWrongType(
  issues: IssueCollector,
  path: string,
  value: unknown,
  expected: string,
): void {
  issues.add(
    path,
    'wrong_type',
    `${path}: must be ${expected}, got ${jsonTypeOf(value)} (${describeValue(value)})`,
  );
}

function lengthRule({ min = 1, max }: StringBounds): string {
  if (max !== undefined) return `${min}–${max} characters`;
  return `at least ${min} character${min === 1 ? '' : 's'}`;
}

/**
 * Checks an optional string's type and length; `required` makes absence an issue.
 * Returns the string when it has the right type (even if too long), so callers can check more.
 */
export function checkString(
  issues: IssueCollector,
  path: string,
  value: unknown,
  bounds: StringBounds & { required?: boolean } = {},
): string | undefined {
  if (value === undefined) {
    if (bounds.required) reportMissing(issues, path, `a string of ${lengthRule(bounds)}`);
    return undefined;
  }
  if (typeof value !== 'string') {
    reportWrongType(issues, path, value, `a string of ${lengthRule(bounds)}`);
    return undefined;
  }
  const min = bounds.min ?? 1;
  if (value.length < min) {
    issues.add(path, 'too_short', `${path}: ${describeValue(value)} is too short (${lengthRule(bounds)})`);
  } else if (bounds.max !== undefined && value.length > bounds.max) {
    issues.add(
      path,
      'too_long',
      `${path}: ${describeValue(value)} is ${value.length} characters long (${lengthRule(bounds)})`,
    );
  }
  return value;
}

/** Checks an optional integer within `[min, max]`; `unit` is appended to the range in the message. */
export function checkInteger(
  issues: IssueCollector,
  path: string,
  value: unknown,
  range: { min: number; max?: number; unit?: string },
): number | undefined {
  if (value === undefined) return undefined;
  const unit = range.unit ? ` ${range.unit}` : '';
  const rangeText =
    range.max === undefined ? `at least ${range.min}${unit}` : `${range.min}–${range.max}${unit}`;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    reportWrongType(issues, path, value, `an integer, ${rangeText}`);
    return undefined;
  }
  if (value < range.min || (range.max !== undefined && value > range.max)) {
    issues.add(path, 'out_of_range', `${path}: ${value} is out of range (${rangeText})`);
  }
  return value;
}

/** Checks that an optional value is one of `allowed`. */
export function checkEnum(
  issues: IssueCollector,
  path: string,
  value: unknown,
  allowed: readonly string[],
): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    issues.add(path, 'invalid_value', `${path}: ${describeValue(value)} is not one of ${allowed.join(', ')}`);
  }
}

/** Checks an optional plain-object field. */
export function checkObject(issues: IssueCollector, path: string, value: unknown): void {
  if (value !== undefined && !isPlainObject(value)) reportWrongType(issues, path, value, 'an object');
}

/** Reports every key of `object` not in `allowed`: catches typos such as `timeOut` in untrusted JSON. */
export function checkKnownFields(
  issues: IssueCollector,
  path: string,
  object: Record<string, unknown>,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const where = path === '' ? key : `${path}.${key}`;
      issues.add(where, 'unknown_field', `${where} is not a known field (known: ${allowed.join(', ')})`);
    }
  }
}

/**
 * Checks a required, non-empty list of non-empty strings (group IDs, group names, package IDs).
 * Returns the array when it is one, so callers can check entries further.
 */
export function checkNonEmptyStringList(
  issues: IssueCollector,
  path: string,
  value: unknown,
  entryKind: string,
  bounds: StringBounds = {},
): unknown[] | undefined {
  if (value === undefined) {
    reportMissing(issues, path, `a non-empty list of ${entryKind}`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    reportWrongType(issues, path, value, `a non-empty list of ${entryKind}`);
    return undefined;
  }
  if (value.length === 0) {
    issues.add(path, 'empty_list', `${path} is empty (at least one of ${entryKind} is needed)`);
    return value;
  }
  const reporter = issues.forList(path, entryKind);
  const rule = lengthRule(bounds);
  for (let index = 0; index < value.length; index++) {
    const entry: unknown = value[index];
    const tooLong = typeof entry === 'string' && bounds.max !== undefined && entry.length > bounds.max;
    if (typeof entry !== 'string' || entry.length === 0 || tooLong) {
      reporter.add(
        index,
        typeof entry === 'string' ? 'invalid_value' : 'wrong_type',
        () => `${path}[${index}]: ${describeValue(entry)} is not a valid entry (a string of ${rule})`,
      );
    }
  }
  reporter.finish();
  return value;
}

/** Reports a list (already checked by {@link checkNonEmptyStringList}) with more than `max` entries. */
export function checkListLength(
  issues: IssueCollector,
  path: string,
  list: unknown[] | undefined,
  max: number,
  entryKind: string,
): void {
  if (list !== undefined && list.length > max) {
    issues.add(path, 'too_many_entries', `${path} has ${list.length} ${entryKind} (at most ${max})`);
  }
}
