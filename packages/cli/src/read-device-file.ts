import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { DeviceRecord } from '@fleetcast/core';
import { CliInputError } from './cli-input-error.js';
import { describeFsError } from './read-campaign-file.js';

const stringFields = ['deviceType', 'manufacturerId', 'model', 'location'] as const;
const stringListFields = ['groupIds', 'groupNames'] as const;

/**
 * Reads a fleet file: one JSON {@link DeviceRecord} per line (`{"id":"dev-1","deviceType":"Meter"}`),
 * blank lines ignored. Every record is checked; the first bad line is a {@link CliInputError} naming
 * `file:line`, the field and what it must be.
 */
export async function readDeviceFile(path: string, cwd: string): Promise<DeviceRecord[]> {
  const stream = createReadStream(resolve(cwd, path), { encoding: 'utf8' });
  const opened = new Promise<void>((ok, fail) => {
    stream.once('open', () => ok());
    stream.once('error', fail);
  });
  try {
    await opened;
  } catch (error) {
    throw new CliInputError(path, `cannot read the device file (${describeFsError(error)})`, {
      cause: error,
    });
  }
  const records: DeviceRecord[] = [];
  let lineNumber = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber++;
    if (line.trim() === '') continue;
    records.push(parseDeviceLine(line, `${path}:${lineNumber}`));
  }
  return records;
}

/** Parses and checks one line of a fleet file. `where` names the file and line in errors. */
export function parseDeviceLine(line: string, where: string): DeviceRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new CliInputError(where, 'not a JSON object (one device record per line)', { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliInputError(where, 'not a JSON object (one device record per line)');
  }
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string' || record.id === '') {
    throw new CliInputError(where, '`id` must be a non-empty string');
  }
  for (const field of stringFields) {
    if (record[field] !== undefined && typeof record[field] !== 'string') {
      throw new CliInputError(where, `\`${field}\` must be a string when present`);
    }
  }
  for (const field of stringListFields) {
    const list = record[field];
    if (list !== undefined && !(Array.isArray(list) && list.every((item) => typeof item === 'string'))) {
      throw new CliInputError(where, `\`${field}\` must be an array of strings when present`);
    }
  }
  const facts = record.facts;
  if (facts !== undefined && (typeof facts !== 'object' || facts === null || Array.isArray(facts))) {
    throw new CliInputError(where, '`facts` must be an object when present');
  }
  return record as unknown as DeviceRecord;
}
