import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashId } from './mark-repeated-ids.js';
import { SeenDeviceIds } from './seen-device-ids.js';

describe('SeenDeviceIds', () => {
  it('answers add() exactly as a Set does, over IDs with many repeats, growing past its first table', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 5_000 }).map((n) => `dev-${n}`),
          { maxLength: 12_000 },
        ),
        (ids) => {
          const seen = new SeenDeviceIds();
          const reference = new Set<string>();
          for (const id of ids) {
            const before = reference.size;
            reference.add(id);
            expect(seen.add(id)).toBe(reference.size > before);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('stays exact when crafted IDs collide in one slot run (it moves to a Set past 64 probes)', () => {
    // 200 IDs whose hashes share their low 12 bits: all land in one probe run of the first table.
    const colliding: string[] = [];
    for (let n = 0; colliding.length < 200; n++) if ((hashId(`c${n}`) & 0xfff) === 7) colliding.push(`c${n}`);
    const seen = new SeenDeviceIds();
    for (const id of colliding) expect(seen.add(id)).toBe(true);
    for (const id of colliding) expect(seen.add(id)).toBe(false);
    expect(seen.add('fresh')).toBe(true);
  });
});
