import type { DeviceRecord } from '@fleetcast/core';
import { CliInputError } from './cli-input-error.js';

const stringFields = ['deviceType', 'manufacturerId', 'model', 'location'] as const;
const stringListFields = ['groupIds', 'groupNames'] as const;

/**
 * Parses and checks one line of a fleet file: a JSON {@link DeviceRecord} such as
 * `{"id":"dev-1","deviceType":"Meter"}`. A bad line is a {@link CliInputError} naming `where`
 * (`file:line`), the field and what it must be. `where` may be a function, called only for an error: a
 * 10 M-line file then builds no `file:line` string per line.
 */
export function parseDeviceLine(line: string, whereText: string | (() => string)): DeviceRecord {
  return checkDeviceLine(line, typeof whereText === 'string' ? () => whereText : whereText);
}

function checkDeviceLine(line: string, where: () => string): DeviceRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new CliInputError(
      where(),
      `not valid JSON ${describeJsonError(line, error)} (one device record per line)`,
      {
        cause: error,
      },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliInputError(where(), 'not a JSON object (one device record per line)');
  }
  const record = value as Record<string, unknown>;
  // What makes a string a valid device ID is checked by the caller, with the same rule and message as a
  // DeviceList entry (and `--skip-invalid-devices` may accept the line).
  if (typeof record.id !== 'string') {
    throw new CliInputError(where(), '`id` must be a non-empty string');
  }
  for (const field of stringFields) {
    if (record[field] !== undefined && typeof record[field] !== 'string') {
      throw new CliInputError(where(), `\`${field}\` must be a string when present`);
    }
  }
  for (const field of stringListFields) {
    const list = record[field];
    if (list !== undefined && !(Array.isArray(list) && list.every((item) => typeof item === 'string'))) {
      throw new CliInputError(where(), `\`${field}\` must be an array of strings when present`);
    }
  }
  const facts = record.facts;
  if (facts !== undefined && (typeof facts !== 'object' || facts === null || Array.isArray(facts))) {
    throw new CliInputError(where(), '`facts` must be an object when present');
  }
  return record as unknown as DeviceRecord;
}

/**
 * Where and why `JSON.parse` refused a line: `at column 12: Expected …`. V8 gives the 0-based position in
 * its message; input that ends too soon has none and is placed just past the line's end.
 */
export function describeJsonError(line: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(reason);
  const column = position ? Number(position[1]) + 1 : line.length + 1;
  return `at column ${column}: ${reason.replace(/ in JSON at position \d+.*$/, '')}`;
}
