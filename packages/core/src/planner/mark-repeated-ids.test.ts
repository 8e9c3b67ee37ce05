import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDeviceIds } from './chunk-device-ids.js';
import { hashId, markRepeatedIds } from './mark-repeated-ids.js';

function naiveRepeats(ids: readonly string[]): number[] {
  const seen = new Set<string>();
  return ids.map((id) => {
    const repeat = seen.has(id);
    seen.add(id);
    return repeat ? 1 : 0;
  });
}

async function* batchesOf(batches: string[][]) {
  for (const batch of batches) yield batch;
}

describe('markRepeatedIds', () => {
  it('marks exactly the repeats of earlier IDs, including long runs of one ID', () => {
    // A pool of 8 IDs over up to 300 entries gives runs longer than the pairwise limit (32).
    const ids = fc.array(
      fc.integer({ min: 0, max: 7 }).map((n) => `id_${n}`),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(ids, (list) => {
        expect([...markRepeatedIds(list)]).toEqual(naiveRepeats(list));
      }),
      { numRuns: 1000 },
    );
  });

  it('handles IDs with any characters, including surrogates and empty strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 4 }), { maxLength: 100 }), (list) => {
        expect([...markRepeatedIds(list)]).toEqual(naiveRepeats(list));
      }),
      { numRuns: 1000 },
    );
  });

  it('stays correct when crafted IDs collide in the low hash bits (the Set fallback)', () => {
    // 70 distinct IDs whose hashes share the low 8 bits: in a 256-slot table they form one long probe chain.
    const colliding: string[] = [];
    for (let n = 0; colliding.length < 70; n++) if ((hashId(`x${n}`) & 0xff) === 0) colliding.push(`x${n}`);
    const list = [...colliding, colliding[3]!, colliding[69]!, colliding[3]!];
    expect([...markRepeatedIds(list)]).toEqual(naiveRepeats(list));
  });

  it('agrees with a Set on lists large enough to be split into buckets', () => {
    const list = Array.from({ length: 50_000 }, (_, index) => `d${(index * 7919) % 37_000}`);
    expect([...markRepeatedIds(list)]).toEqual(naiveRepeats(list));
  });
});

describe('chunkDeviceIds', () => {
  it('drops repeats across several batches, first occurrence kept', async () => {
    const chunks = [];
    const options = {
      maxTargetsPerTask: 2,
      exclude: new Set(['x']),
      dropDuplicates: true,
      sourceDescription: 'test',
    };
    for await (const chunk of chunkDeviceIds(
      batchesOf([
        ['a', 'b', 'a'],
        ['c', 'b', 'x'],
        ['d', 'c', 'e'],
      ]),
      options,
    )) {
      chunks.push(chunk);
    }
    expect(chunks).toEqual([
      { deviceIds: ['a', 'b'], part: 1, only: false },
      { deviceIds: ['c', 'd'], part: 2, only: false },
      { deviceIds: ['e'], part: 3, only: false },
    ]);
  });
});
