import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  type DeviceDirectory,
  type DeviceRecord,
  type DirectoryQuery,
  type DirectoryReadOptions,
  type DirectorySelector,
  defaultDirectoryBatchSize,
  queryPredicate,
} from '@fleetcast/core';
import { CliInputError } from './cli-input-error.js';
import { describeFsError } from './read-campaign-file.js';
import { parseDeviceLine } from './parse-device-line.js';

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
  private readonly fullPath: string;

  /** @internal Use {@link openDeviceFile}. */
  constructor(path: string, fullPath: string, size: number) {
    this.path = path;
    this.fullPath = fullPath;
    this.size = size;
  }

  async *devices(
    query: DirectoryQuery,
    options: DirectoryReadOptions = {},
  ): AsyncIterable<readonly DeviceRecord[]> {
    const matches = queryPredicate(query);
    const batchSize = Math.max(1, options.batchSize ?? defaultDirectoryBatchSize);
    let batch: DeviceRecord[] = [];
    for await (const record of readRecords(this.path, this.fullPath, options.signal)) {
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

/**
 * Opens a fleet file as a streaming directory after one checking pass over it: a bad line is a
 * {@link CliInputError} naming `file:line` before any planning starts, never halfway through a run.
 */
export async function openDeviceFile(path: string, cwd: string): Promise<DeviceFileDirectory> {
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
  for await (const _record of readRecords(path, fullPath)) size++;
  return new DeviceFileDirectory(path, fullPath, size);
}

async function* readRecords(
  path: string,
  fullPath: string,
  signal?: AbortSignal,
): AsyncGenerator<DeviceRecord> {
  const stream = createReadStream(fullPath, { encoding: 'utf8', ...(signal ? { signal } : {}) });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      yield parseDeviceLine(line, `${path}:${lineNumber}`);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}
