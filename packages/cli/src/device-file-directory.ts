import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type DeviceDirectory,
  type DeviceRecord,
  type DirectoryQuery,
  type DirectoryReadOptions,
  type DirectorySelector,
  defaultDirectoryBatchSize,
  invalidDeviceIdMessage,
  isValidDeviceId,
  queryPredicate,
} from '@fleetcast/core';
import { CliInputError } from './cli-input-error.js';
import { describeFsError } from './read-campaign-file.js';
import { parseDeviceLine } from './parse-device-line.js';
import { readDeviceLines } from './read-device-lines.js';

const selectors: ReadonlySet<DirectorySelector> = new Set<DirectorySelector>([
  'DeviceType',
  'DeviceArea',
  'GroupList',
  'GroupIdList',
  'Broadcast',
  'Filter',
]);

/**
 * A {@link DeviceDirectory} over a fleet file (one JSON device record per line) that reads the file
 * again for every query instead of loading it: memory stays at one batch of records however large the
 * fleet, and the order is the file's. Build it with {@link openDeviceFile}, which checks every line first.
 */
export class DeviceFileDirectory implements DeviceDirectory {
  readonly selectors = selectors;
  /** The file as given on the command line (for messages). */
  readonly path: string;
  /** Device records in the file. */
  readonly size: number;
  /** Records whose ID breaks the device-ID rule (left in the file; the planner refuses them). */
  readonly invalid: InvalidDeviceLines;
  private readonly fullPath: string;

  /** @internal Use {@link openDeviceFile}. */
  constructor(path: string, fullPath: string, size: number, invalid: InvalidDeviceLines) {
    this.path = path;
    this.fullPath = fullPath;
    this.size = size;
    this.invalid = invalid;
  }

  async *devices(
    query: DirectoryQuery,
    options: DirectoryReadOptions = {},
  ): AsyncIterable<readonly DeviceRecord[]> {
    const matches = queryPredicate(query);
    const batchSize = Math.max(1, options.batchSize ?? defaultDirectoryBatchSize);
    let batch: DeviceRecord[] = [];
    for await (const { record } of readRecords(this.path, this.fullPath, options.signal)) {
      if (!matches(record)) continue;
      batch.push(record);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}

/** The lines of a fleet file whose device ID is invalid: how many, and the first few messages (`file:line: …`). */
export interface InvalidDeviceLines {
  count: number;
  examples: string[];
}

/** Invalid lines named in a message or a warning; the rest are counted. */
const invalidLinesShown = 5;

/** Options of {@link openDeviceFile}. */
export interface OpenDeviceFileOptions {
  /** Accept a file with invalid device IDs (`--skip-invalid-devices`): they are reported, then left out. */
  skipInvalidDevices?: boolean;
}

/**
 * Opens a fleet file as a streaming directory after one checking pass over it: a bad line (not a record, a
 * field of the wrong type, an ID the platforms refuse, a line over 1 MiB) is a {@link CliInputError} naming
 * `file:line` before any planning starts, never halfway through a run. With `skipInvalidDevices`, lines with
 * an invalid ID are counted in `invalid` instead (the planner leaves them out).
 */
export async function openDeviceFile(
  path: string,
  cwd: string,
  options: OpenDeviceFileOptions = {},
): Promise<DeviceFileDirectory> {
  const fullPath = resolve(cwd, path);
  try {
    const info = await stat(fullPath);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  } catch (error) {
    throw new CliInputError(path, `cannot read the device file (${describeFsError(error)})`, {
      cause: error,
    });
  }
  let size = 0;
  const invalid: InvalidDeviceLines = { count: 0, examples: [] };
  // Lines that are no device record at all: every one is counted (a fix needs them all), the first few named.
  const malformed: InvalidDeviceLines = { count: 0, examples: [] };
  let firstMalformed: CliInputError | undefined;
  let firstInvalidLine = '';
  for await (const line of readDeviceLines(path, fullPath)) {
    if (line.text.trim() === '') continue;
    const where = `${path}:${line.number}`;
    let record: DeviceRecord;
    try {
      record = parseDeviceLine(line.text, where);
    } catch (error) {
      if (!(error instanceof CliInputError)) throw error;
      firstMalformed ??= error;
      malformed.count++;
      if (malformed.examples.length < invalidLinesShown) malformed.examples.push(error.message);
      continue;
    }
    size++;
    if (isValidDeviceId(record.id)) continue;
    if (invalid.count === 0) firstInvalidLine = where;
    invalid.count++;
    if (invalid.examples.length < invalidLinesShown)
      invalid.examples.push(invalidDeviceIdMessage(where, record.id));
  }
  if (firstMalformed !== undefined) {
    const more =
      malformed.count > 1 ? ` (${malformed.count} bad lines in all: ${describeInvalidLines(malformed)})` : '';
    throw new CliInputError(
      firstMalformed.where,
      `${firstMalformed.message.slice(firstMalformed.where.length + 2)}${more}; nothing was planned or created`,
      { cause: firstMalformed },
    );
  }
  if (invalid.count > 0 && !options.skipInvalidDevices) {
    const more =
      invalid.count > 1 ? ` (${invalid.count} such lines in all: ${describeInvalidLines(invalid)})` : '';
    throw new CliInputError(
      firstInvalidLine,
      `${invalid.examples[0]!.slice(firstInvalidLine.length + 2)}${more}; nothing was planned or created: fix ` +
        'the file, or pass --skip-invalid-devices to leave such devices out',
    );
  }
  return new DeviceFileDirectory(path, fullPath, size, invalid);
}

/** The first few invalid lines, `; `-separated, and how many more. */
export function describeInvalidLines(invalid: InvalidDeviceLines): string {
  const rest = invalid.count - invalid.examples.length;
  return `${invalid.examples.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`;
}

async function* readRecords(
  path: string,
  fullPath: string,
  signal?: AbortSignal,
): AsyncGenerator<{ record: DeviceRecord; where: string }> {
  for await (const line of readDeviceLines(path, fullPath, signal)) {
    if (line.text.trim() === '') continue;
    const where = `${path}:${line.number}`;
    yield { record: parseDeviceLine(line.text, where), where };
  }
}
