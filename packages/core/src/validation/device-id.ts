import { describeValue } from '../errors/describe-value.js';

/** The longest device ID both platforms accept. */
export const maxDeviceIdLength = 128;

/** How the device-ID rule reads in messages. */
export const deviceIdRuleDescription = `letters, digits, _ and -, at most ${maxDeviceIdLength} characters`;

const deviceIdPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Whether `value` is a device ID both platforms accept: 1–128 of letters, digits, `_` and `-`
 * (IoTDA v5 rule; legacy device IDs are UUIDs, which fit it). Validation runs this over 10 M-entry
 * lists; V8's compiled regular expression beat a hand-written character loop there.
 */
export function isValidDeviceId(value: unknown): value is string {
  return typeof value === 'string' && deviceIdPattern.test(value);
}

/**
 * The message for an invalid device ID at `where` (`target.deviceIds[3]`, `fleet.jsonl:7`, `the directory's
 * DeviceType answer, ID 30001`): one wording for a list, a file and any directory.
 */
export function invalidDeviceIdMessage(where: string, value: unknown): string {
  return `${where}: ${describeValue(value)} is not a valid device ID (${deviceIdRuleDescription})`;
}
