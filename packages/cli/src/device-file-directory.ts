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
import { readDeviceLineBatches } from './read-device-line-batches.js';

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
 * fleet, and the order is the file's. Build it with {@link openDeviceFile}, which checks every line first
 * (or, with `checkFirst: false`, while streaming).
 */
export class DeviceFileDirectory implements DeviceDirectory {
  readonly selectors = selectors;
  /** The file as given on the command line (for messages). */
  readonly path: string;
  /** Device records in the file (counted by the last complete read when the file was not checked first). */
  size: number;
  /** Records whose ID breaks the device-ID rule (left in the file; the planner refuses them). */
  readonly invalid: InvalidDeviceLines;
  private readonly fullPath: string;
  private readonly checkWhileReading: { skipInvalidDevices: boolean } | undefined;
  /** How many `devices` calls read the file to its end. */
  private completeReads = 0;

  /** @internal Use {@link openDeviceFile}. */
  constructor(
    path: string,
    fullPath: string,
    size: number,
    invalid: InvalidDeviceLines,
    checkWhileReading?: { skipInvalidDevices: boolean },
  ) {
    this.path = path;
    this.fullPath = fullPath;
    this.size = size;
    this.invalid = invalid;
    this.checkWhileReading = checkWhileReading;
  }

  async *devices(
    query: DirectoryQuery,
    options: DirectoryReadOptions = {},
  ): AsyncIterable<readonly DeviceRecord[]> {
    const matches = queryPredicate(query);
    // At most a read buffer's worth of records (~400) per batch: records held across the asynchronous step are
    // what survives V8's young-generation collections, and enough survival makes V8 double the young
    // generation (+16 MiB of RSS on a 1 M-line plan). `batchSize` is a preference; smaller batches are allowed.
    const batchSize = Math.max(1, Math.min(options.batchSize ?? defaultDirectoryBatchSize, maxBatchRecords));
    const check = this.checkWhileReading;
    const tally = check ? new InvalidLineTally(this.path) : undefined;
    const stopAtInvalid = tally !== undefined && check?.skipInvalidDevices === false;
    let batch: DeviceRecord[] = [];
    let size = 0;
    const path = this.path;
    // One asynchronous step per read buffer; parsing and checking each line are plain calls.
    for await (const lines of readDeviceLineBatches(path, this.fullPath, options.signal)) {
      for (const line of lines) {
        if (line.text.trim() === '') continue;
        const record =
          tally === undefined
            ? parseDeviceLine(line.text, () => `${path}:${line.number}`)
            : tally.parse(line.text, line.number);
        if (record === undefined) continue;
        size++;
        if (tally !== undefined && !isValidDeviceId(record.id)) tally.add(record.id, line.number);
        // After a line that is no record, the rest of the file is only checked, for the same message.
        if (tally !== undefined && tally.malformed.count > 0) continue;
        // Without --skip-invalid-devices, the rest of the file after an invalid ID is only counted, for the
        // same message as a check before planning gives.
        if (stopAtInvalid && tally.invalid.count > 0) continue;
        if (!matches(record)) continue;
        batch.push(record);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    this.completeReads++;
    if (tally) {
      tally.throwIfMalformed();
      this.size = size;
      this.invalid.count = tally.invalid.count;
      this.invalid.examples = tally.invalid.examples;
      if (stopAtInvalid && tally.invalid.count > 0) throw tally.error();
    }
    if (batch.length > 0) yield batch;
  }

  /**
   * For a file opened with `checkFirst: false`: checks every line if no read has gone through the whole file
   * yet (a plan whose targets never needed the file), so a bad file never passes unnoticed.
   */
  async checkUnread(): Promise<void> {
    if (this.checkWhileReading === undefined || this.completeReads > 0) return;
    for await (const _batch of this.devices({ type: 'Broadcast' }, { batchSize: 10_000 })) {
      // Only the checks matter.
    }
  }
}

const maxBatchRecords = 256;

/** The lines of a fleet file whose device ID is invalid: how many, and the first few messages (`file:line: …`). */
export interface InvalidDeviceLines {
  count: number;
  examples: string[];
}

/** Invalid lines named in a message or a warning; the rest are counted. */
const invalidLinesShown = 5;

/**
 * Counts the lines with an invalid ID and the lines that are no device record at all (every one: a fix
 * needs them all), and words the errors that stop planning.
 */
class InvalidLineTally {
  readonly invalid: InvalidDeviceLines = { count: 0, examples: [] };
  readonly malformed: InvalidDeviceLines = { count: 0, examples: [] };
  private firstInvalidLine = '';
  private firstMalformed: CliInputError | undefined;

  constructor(private readonly path: string) {}

  /** The line's record, or undefined (counted) when it is no device record. */
  parse(text: string, lineNumber: number): DeviceRecord | undefined {
    try {
      return parseDeviceLine(text, () => `${this.path}:${lineNumber}`);
    } catch (error) {
      if (!(error instanceof CliInputError)) throw error;
      this.firstMalformed ??= error;
      this.malformed.count++;
      if (this.malformed.examples.length < invalidLinesShown) this.malformed.examples.push(error.message);
      return undefined;
    }
  }

  /** Throws the first bad line's error, with how many there were in all, if any line was no record. */
  throwIfMalformed(): void {
    const first = this.firstMalformed;
    if (first === undefined) return;
    const malformed = this.malformed;
    const more =
      malformed.count > 1 ? ` (${malformed.count} bad lines in all: ${describeInvalidLines(malformed)})` : '';
    throw new CliInputError(
      first.where,
      `${first.message.slice(first.where.length + 2)}${more}; nothing was planned or created`,
      { cause: first },
    );
  }

  add(id: string, lineNumber: number): void {
    const where = `${this.path}:${lineNumber}`;
    if (this.invalid.count === 0) this.firstInvalidLine = where;
    this.invalid.count++;
    if (this.invalid.examples.length < invalidLinesShown) {
      this.invalid.examples.push(invalidDeviceIdMessage(where, id));
    }
  }

  error(): CliInputError {
    const invalid = this.invalid;
    const more =
      invalid.count > 1 ? ` (${invalid.count} such lines in all: ${describeInvalidLines(invalid)})` : '';
    return new CliInputError(
      this.firstInvalidLine,
      `${invalid.examples[0]!.slice(this.firstInvalidLine.length + 2)}${more}; nothing was planned or created: fix ` +
        'the file, or pass --skip-invalid-devices to leave such devices out',
    );
  }
}

/** Options of {@link openDeviceFile}. */
export interface OpenDeviceFileOptions {
  /** Accept a file with invalid device IDs (`--skip-invalid-devices`): they are reported, then left out. */
  skipInvalidDevices?: boolean;
  /**
   * Check every line before returning (default true): a bad line then fails before anything is planned.
   * False reads the file once, checking while streaming: a bad line then fails the first read that
   * reaches it (with the same message), and `size`/`invalid` are known after a complete read. `plan` uses
   * false, since it creates nothing: it then costs one pass over the file instead of two.
   */
  checkFirst?: boolean;
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
  const skipInvalidDevices = options.skipInvalidDevices === true;
  if (options.checkFirst === false) {
    return new DeviceFileDirectory(path, fullPath, 0, { count: 0, examples: [] }, { skipInvalidDevices });
  }
  let size = 0;
  const tally = new InvalidLineTally(path);
  for await (const lines of readDeviceLineBatches(path, fullPath)) {
    for (const line of lines) {
      if (line.text.trim() === '') continue;
      const record = tally.parse(line.text, line.number);
      if (record === undefined) continue;
      size++;
      if (!isValidDeviceId(record.id)) tally.add(record.id, line.number);
    }
  }
  tally.throwIfMalformed();
  if (tally.invalid.count > 0 && !skipInvalidDevices) throw tally.error();
  return new DeviceFileDirectory(path, fullPath, size, tally.invalid);
}

/** The first few invalid lines, `; `-separated, and how many more. */
export function describeInvalidLines(invalid: InvalidDeviceLines): string {
  const rest = invalid.count - invalid.examples.length;
  return `${invalid.examples.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`;
}
