const longestShownString = 40;

/**
 * A short, safe rendering of an untrusted value for messages: strings quoted and cut at 40 characters,
 * other values named by their JSON type. Never prints whole objects (they may be huge or hold secrets).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > longestShownString ? `${value.slice(0, longestShownString)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The JSON type name of a value, for "must be a string, got a number" messages. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'undefined') return 'nothing';
  return `a ${typeof value}`;
}

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
