import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { v5Pages } from './v5-pages.js';

/** A list API that follows the documented rules: IDs descending, records below `marker`, `offset` ≤ 500. */
function listApi(ids: readonly string[]) {
  const sorted = [...ids].sort().reverse();
  let calls = 0;
  return {
    calls: () => calls,
    async fetchPage({ marker, limit }: { marker?: string; limit: number }) {
      calls += 1;
      const below = marker === undefined ? sorted : sorted.filter((id) => id < marker);
      const items = below.slice(0, limit).map((id) => ({ id }));
      return { items, page: { count: sorted.length, marker: items.at(-1)?.id ?? marker ?? 'f'.repeat(24) } };
    },
  };
}

const hexId = fc
  .bigInt({ min: 0n, max: 2n ** 96n - 2n })
  .map((value) => value.toString(16).padStart(24, '0'));

describe('v5Pages', () => {
  it('visits every record exactly once, newest first, in ceil((n + 1) / limit) calls at most', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(hexId, { maxLength: 700 }),
        fc.integer({ min: 1, max: 50 }),
        async (ids, limit) => {
          const api = listApi(ids);
          const seen: string[] = [];
          for await (const page of v5Pages(api.fetchPage, { limit, idOf: (record) => record.id })) {
            seen.push(...page.map((record) => record.id));
          }
          expect(seen).toEqual([...ids].sort().reverse());
          expect(api.calls()).toBeLessThanOrEqual(Math.floor(ids.length / limit) + 1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports a marker that does not decrease instead of looping', async () => {
    const stuck = async () => ({ items: [{ id: 'b' }, { id: 'a' }], page: { marker: 'c' } });
    const pages = v5Pages(stuck, { limit: 2, idOf: (record: { id: string }) => record.id });
    await expect(async () => {
      for await (const _ of pages) {
        /* drain */
      }
    }).rejects.toMatchObject({ name: 'PlatformError', kind: 'server' });
  });
});
