import { describe, expect, it } from 'vitest';
import { FleetcastError } from '../errors/fleetcast-error.js';
import type { DirectoryQuery } from './device-directory.js';
import type { DeviceRecord } from './device-record.js';
import { InMemoryDirectory } from './in-memory-directory.js';

const fleet: DeviceRecord[] = [
  {
    id: 'm1',
    deviceType: 'Meter',
    manufacturerId: 'acme',
    model: 'A',
    location: 'north',
    groupIds: ['g1'],
    groupNames: ['pilot'],
  },
  {
    id: 'v1',
    deviceType: 'Valve',
    manufacturerId: 'acme',
    model: 'V',
    location: 'south',
    groupIds: ['g2', 'g1'],
  },
  {
    id: 'm2',
    deviceType: 'Meter',
    manufacturerId: 'other',
    model: 'A',
    location: 'north',
    groupIds: ['g2'],
    groupNames: ['pilot', 'wave2'],
  },
  { id: 'm3', deviceType: 'Meter', manufacturerId: 'acme', model: 'B' },
];

async function idsOf(directory: InMemoryDirectory, query: DirectoryQuery, batchSize?: number) {
  const batches: string[][] = [];
  for await (const batch of directory.devices(query, { batchSize }))
    batches.push(batch.map((record) => record.id));
  return batches;
}

describe('InMemoryDirectory', () => {
  it('answers every selector in insertion order, each device once', async () => {
    const directory = new InMemoryDirectory(fleet);
    expect((await idsOf(directory, { type: 'DeviceType', deviceType: 'Meter' })).flat()).toEqual([
      'm1',
      'm2',
      'm3',
    ]);
    expect(
      (
        await idsOf(directory, {
          type: 'DeviceType',
          deviceType: 'Meter',
          manufacturerId: 'acme',
          model: 'A',
        })
      ).flat(),
    ).toEqual(['m1']);
    expect((await idsOf(directory, { type: 'DeviceArea', location: 'north' })).flat()).toEqual(['m1', 'm2']);
    expect((await idsOf(directory, { type: 'GroupList', groupNames: ['wave2', 'pilot'] })).flat()).toEqual([
      'm1',
      'm2',
    ]);
    expect((await idsOf(directory, { type: 'GroupIdList', groupIds: ['g2', 'g1'] })).flat()).toEqual([
      'm1',
      'v1',
      'm2',
    ]);
    expect((await idsOf(directory, { type: 'Filter', groupIds: ['g2'] })).flat()).toEqual(['v1', 'm2']);
    expect((await idsOf(directory, { type: 'Broadcast' })).flat()).toEqual(['m1', 'v1', 'm2', 'm3']);
    expect(await idsOf(directory, { type: 'GroupIdList', groupIds: ['none'] })).toEqual([]);
  });

  it('yields batches of the requested size', async () => {
    const directory = new InMemoryDirectory(Array.from({ length: 10 }, (_, index) => ({ id: `d${index}` })));
    expect((await idsOf(directory, { type: 'Broadcast' }, 4)).map((batch) => batch.length)).toEqual([
      4, 4, 2,
    ]);
  });

  it('is not affected by later changes to the records it was given', async () => {
    const records: DeviceRecord[] = [{ id: 'a', groupIds: ['g1'] }];
    const directory = new InMemoryDirectory(records);
    records[0]!.groupIds!.push('g9');
    expect(await idsOf(directory, { type: 'GroupIdList', groupIds: ['g9'] })).toEqual([]);
    const withFacts: DeviceRecord[] = [{ id: 'b', facts: { firmwareVersion: 2 } }];
    const copied = new InMemoryDirectory(withFacts);
    withFacts[0]!.facts!.firmwareVersion = 3;
    for await (const batch of copied.devices({ type: 'Broadcast' })) {
      expect(batch[0]!.facts).toEqual({ firmwareVersion: 2 });
    }
  });

  it('accepts any iterable and refuses duplicate IDs', () => {
    function* generate() {
      yield { id: 'a' };
      yield { id: 'b' };
    }
    expect(new InMemoryDirectory(generate()).size).toBe(2);
    expect(() => new InMemoryDirectory([{ id: 'a' }, { id: 'a' }])).toThrow(FleetcastError);
    expect(() => new InMemoryDirectory([{ id: 'a' }, { id: 'a' }])).toThrow('device ID "a" appears twice');
  });
});
