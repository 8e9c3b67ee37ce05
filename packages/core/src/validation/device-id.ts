/** The longest device ID both platforms accept. */
export const maxDeviceIdLength = 128;

/** How the device-ID rule reads in messages. */
export const deviceIdRuleDescription = `letters, digits, _ and -, at most ${maxDeviceIdLength} characters`;

/**
 * Whether `value` is a device ID both platforms accept: 1–128 of letters, digits, `_` and `-`
 * (IoTDA v5 rule; legacy device IDs are UUIDs, which fit it). A character loop rather than a regular
 * expression: validation runs over 10 M-entry lists and this is its hot path.
 */
export function isValidDeviceId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const length = value.length;
  if (length === 0 || length > maxDeviceIdLength) return false;
  for (let index = 0; index < length; index++) {
    const code = value.charCodeAt(index);
    const isDigit = code >= 48 && code <= 57;
    const isUpper = code >= 65 && code <= 90;
    const isLower = code >= 97 && code <= 122;
    if (!(isDigit || isUpper || isLower || code === 95 || code === 45)) return false;
  }
  return true;
}
