import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DeviceDirectory, type DirectoryQuery, InMemoryDirectory } from '@fleetcast/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliInputError } from '../src/cli-input-error.js';
import { openDeviceFile } from '../src/device-file-directory.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-fleet-file-'));
let fileCount = 0;
function fleetFile(text: string): string {
  const name = `fleet-${fileCount++}.jsonl`;
  writeFileSync(join(folder, name), text);
  return name;
}

async function collect(directory: DeviceDirectory, query: DirectoryQuery, batchSize?: number) {
  const batches: string[][] = [];
  for await (const batch of directory.devices(query, batchSize === undefined ? {} : { batchSize })) {
    batches.push(batch.map((record) => record.id));
  }
  return batches;
}

const types = ['Meter', 'Valve'] as const;
const places = ['north', 'south'] as const;
const groups = ['g1', 'g2', 'g3'] as const;
const recordArbitrary = fc.record({
  deviceType: fc.constantFrom(...types),
  model: fc.constantFrom('m1', 'm2'),
  location: fc.constantFrom(...places),
  groupIds: fc.subarray([...groups]),
});
const queryArbitrary: fc.Arbitrary<DirectoryQuery> = fc.oneof(
  fc.record({ type: fc.constant('DeviceType' as const), deviceType: fc.constantFrom(...types) }),
  fc.record({
    type: fc.constant('DeviceType' as const),
    deviceType: fc.constantFrom(...types),
    model: fc.constant('m2'),
  }),
  fc.record({ type: fc.constant('DeviceArea' as const), location: fc.constantFrom(...places) }),
  fc.record({
    type: fc.constant('GroupIdList' as const),
    groupIds: fc.subarray([...groups], { minLength: 1 }),
  }),
  fc.record({ type: fc.constant('Filter' as const), groupIds: fc.subarray([...groups], { minLength: 1 }) }),
  fc.constant({ type: 'Broadcast' as const }),
);

describe('DeviceFileDirectory', () => {
  it('answers every query with the same devices, in the same order, as core InMemoryDirectory', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArbitrary, { maxLength: 40 }),
        queryArbitrary,
        fc.integer({ min: 1, max: 7 }),
        async (fields, query, batchSize) => {
          const records = fields.map((field, index) => ({ id: `d${index}`, ...field }));
          const file = fleetFile(`${records.map((record) => JSON.stringify(record)).join('\n')}\n\n`);
          const directory = await openDeviceFile(file, folder);
          expect(directory.size).toBe(records.length);
          const streamed = await collect(directory, query, batchSize);
          const reference = (await collect(new InMemoryDirectory(records), query)).flat();
          expect(streamed.flat()).toEqual(reference);
          expect(streamed.every((batch) => batch.length >= 1 && batch.length <= batchSize)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('checks every line when opened, naming file and line', async () => {
    const file = fleetFile('{"id":"a"}\n{"id":"b","groupIds":"g1"}\n');
    await expect(openDeviceFile(file, folder)).rejects.toThrow(CliInputError);
    await expect(openDeviceFile(file, folder)).rejects.toThrow(
      /fleet-\d+\.jsonl:2: `groupIds` must be an array of strings/,
    );
    await expect(openDeviceFile('missing.jsonl', folder)).rejects.toThrow(
      /missing\.jsonl: cannot read the device file \(no such file\)/,
    );
    await expect(openDeviceFile('.', folder)).rejects.toThrow(/it is a directory/);
  });
});
