import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeviceIdSet } from './device-id-set.js';

describe('DeviceIdSet', () => {
  it('answers add exactly as a Set<string> does, for IDs, unicode and long strings, across table growth', () => {
    const id = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 3_000 }).map((n) => `dev-${n}`) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
      { weight: 1, arbitrary: fc.integer({ min: 250, max: 300 }).map((n) => 'x'.repeat(n)) },
      { weight: 1, arbitrary: fc.constantFrom('', 'é', 'dev-1é', '\u0000', '\u007f', '\u0080') },
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 4_000 }), (ids) => {
        const compact = new DeviceIdSet();
        const reference = new Set<string>();
        for (const value of ids) {
          const expected = !reference.has(value);
          reference.add(value);
          expect(compact.add(value)).toBe(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps 300,000 distinct IDs apart and finds every one again', () => {
    const set = new DeviceIdSet();
    for (let index = 0; index < 300_000; index++) expect(set.add(`device_${index}`)).toBe(true);
    for (let index = 0; index < 300_000; index += 7) expect(set.add(`device_${index}`)).toBe(false);
    expect(set.add('device_300000')).toBe(true);
  });
});
