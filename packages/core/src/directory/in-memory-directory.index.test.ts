/**
 * The indexes: a type, area or group query must test only the records its index names, not the whole fleet.
 * The per-record predicate is wrapped to count its calls (a count, not a timing: speed is for benchmarks).
 */
import { describe, expect, it, vi } from 'vitest';
import type { DirectoryQuery } from './device-directory.js';
import type { DeviceRecord } from './device-record.js';
import { InMemoryDirectory } from './in-memory-directory.js';

const tested = vi.hoisted(() => ({ count: 0 }));

vi.mock('./record-matches-query.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./record-matches-query.js')>();
  return {
    ...original,
    queryPredicate: (query: DirectoryQuery) => {
      const matches = original.queryPredicate(query);
      return (record: DeviceRecord) => {
        tested.count++;
        return matches(record);
      };
    },
  };
});

/** 10,000 devices; every 1,000th is a pilot WaterMeter in Shenzhen, in group g_pilot. */
const fleet: DeviceRecord[] = Array.from({ length: 10_000 }, (_, n) =>
  n % 1000 === 0
    ? {
        id: `d${n}`,
        deviceType: 'WaterMeter',
        location: 'Shenzhen',
        groupIds: ['g_pilot'],
        groupNames: ['pilot'],
      }
    : { id: `d${n}`, deviceType: 'GasMeter', location: 'Wuhan', groupIds: ['g_rest'], groupNames: ['rest'] },
);

async function countTested(directory: InMemoryDirectory, query: DirectoryQuery) {
  tested.count = 0;
  let found = 0;
  for await (const batch of directory.devices(query)) found += batch.length;
  return { found, tested: tested.count };
}

describe('InMemoryDirectory indexes', () => {
  it.each<DirectoryQuery>([
    { type: 'DeviceType', deviceType: 'WaterMeter' },
    { type: 'DeviceArea', location: 'Shenzhen' },
    { type: 'GroupIdList', groupIds: ['g_pilot', 'g_none'] },
    { type: 'Filter', groupIds: ['g_pilot'] },
    { type: 'GroupList', groupNames: ['pilot'] },
  ])('answers $type by testing only the 10 indexed records of 10,000', async (query) => {
    const directory = new InMemoryDirectory(fleet);
    expect(await countTested(directory, query)).toEqual({ found: 10, tested: 10 });
  });

  it('tests every record only for Broadcast', async () => {
    const directory = new InMemoryDirectory(fleet);
    expect(await countTested(directory, { type: 'Broadcast' })).toEqual({ found: 10_000, tested: 10_000 });
  });
});
