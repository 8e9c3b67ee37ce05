const longestShownString = 40;
const longestShownLiteral = 60;

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

/**
 * A rule literal or fact value as short, single-line JSON for rule messages and explanations: unlike
 * {@link describeValue}, objects and arrays are shown (cut at 60 characters), because the shape of a rule's
 * value is the point of the message.
 */
export function describeLiteral(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'number' || typeof value === 'boolean' || value == null) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = Array.isArray(value) ? 'an array' : 'an object';
    }
  }
  return text.length > longestShownLiteral ? `${text.slice(0, longestShownLiteral - 3)}…` : text;
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
