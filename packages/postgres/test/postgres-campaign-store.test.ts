import type { JournalRecord } from '@fleetcast/core';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimCampaign,
  LeaseLostError,
  migrate,
  migrations,
  PostgresCampaignStore,
  SchemaNotMigratedError,
} from '../src/index.js';
import { createTestDatabase, openPool, type TestDatabase } from './postgres-test-database.js';

const intent = (index: number): JournalRecord => ({
  type: 'task-intent',
  index,
  name: `t_part${index + 1}`,
  attempt: 1,
  at: index,
});
const created = (index: number): JournalRecord => ({
  type: 'task-created',
  index,
  name: `t_part${index + 1}`,
  taskId: `id${index}`,
  via: 'create',
  at: index + 0.5,
});

async function readAll(store: PostgresCampaignStore, campaignId: string): Promise<JournalRecord[]> {
  const records: JournalRecord[] = [];
  for await (const record of store.read(campaignId)) records.push(record);
  return records;
}

let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = openPool(database.url, 8);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('migrate', () => {
  it('refuses to work on an unmigrated database with a typed error, then applies every version once', async () => {
    const store = new PostgresCampaignStore({ pool });
    await expect(store.append('c1', intent(0))).rejects.toThrow(SchemaNotMigratedError);
    await expect(readAll(store, 'c1')).rejects.toMatchObject({ code: 'FLEETCAST_SCHEMA_NOT_MIGRATED' });
    const latest = Math.max(...migrations.map((migration) => migration.version));
    // Three replicas starting at once: the advisory lock lets one apply, the others find it done.
    const results = await Promise.all([migrate(pool), migrate(pool), migrate(pool)]);
    expect(results.map((result) => result.applied.length).sort()).toEqual([0, 0, migrations.length]);
    expect(results.every((result) => result.version === latest)).toBe(true);
    expect((await migrate(pool)).applied).toEqual([]);
  });
});

describe('PostgresCampaignStore contract', () => {
  beforeAll(() => migrate(pool));

  it('reads back every record in append order, per campaign, from another store object (another replica)', async () => {
    const writer = new PostgresCampaignStore({ pool });
    const records = [intent(0), created(0), intent(1), created(1)];
    for (const record of records) await writer.append('a', record);
    await writer.append('b', intent(7));
    const reader = new PostgresCampaignStore({ pool, readPageSize: 3 });
    expect(await readAll(reader, 'a')).toEqual(records);
    expect(await readAll(reader, 'b')).toEqual([intent(7)]);
    expect(await readAll(reader, 'unknown')).toEqual([]);
  });

  it('keeps appends in call order even when not awaited one by one (pool of several connections)', async () => {
    const store = new PostgresCampaignStore({ pool });
    const records = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? intent(i) : created(i)));
    await Promise.all(records.map((record) => store.append('unawaited', record)));
    expect(await readAll(store, 'unawaited')).toEqual(records);
  });

  it('is durable when append resolves: a new pool (a new process) reads it', async () => {
    const store = new PostgresCampaignStore({ pool });
    await store.append('durable', intent(3));
    const other = openPool(database.url, 1);
    try {
      expect(await readAll(new PostgresCampaignStore({ pool: other }), 'durable')).toEqual([intent(3)]);
    } finally {
      await other.end();
    }
  });

  it('lists every campaign with a journal, across pages', async () => {
    const store = new PostgresCampaignStore({ pool, readPageSize: 2 });
    for (const id of ['list_1', 'list_2', 'list_3']) await store.append(id, intent(0));
    const ids: string[] = [];
    for await (const id of store.listCampaignIds()) ids.push(id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(
      expect.arrayContaining(['a', 'b', 'unawaited', 'durable', 'list_1', 'list_2', 'list_3']),
    );
  });
});

interface Step {
  /** Which replica acts. */
  replica: number;
  /** Claim the campaign (raise the epoch), or append a record. */
  claim: boolean;
}

describe('fencing', () => {
  beforeAll(() => migrate(pool));

  it('an append is accepted exactly when no newer epoch was claimed; the journal holds exactly those, epochs never decrease', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ replica: fc.integer({ min: 0, max: 2 }), claim: fc.boolean() }), {
          minLength: 1,
          maxLength: 30,
        }),
        async (steps: Step[]) => {
          const campaignId = `fence_${run++}`;
          await pool.query("INSERT INTO fleetcast_campaigns (campaign_id, status) VALUES ($1, 'submitted')", [
            campaignId,
          ]);
          // Three replicas, each with its own store object (its own epoch for the campaign).
          const stores = [0, 1, 2].map(() => new PostgresCampaignStore({ pool }));
          let current = 0;
          const expected: JournalRecord[] = [];
          for (const [position, step] of steps.entries()) {
            const store = stores[step.replica] as PostgresCampaignStore;
            if (step.claim) {
              // A TTL of 0: the lease is expired at once, so every claim succeeds (as after a pause).
              const lease = await claimCampaign(pool, `replica${step.replica}`, 0, campaignId);
              expect(lease?.epoch).toBe(current + 1);
              current = lease?.epoch as number;
              store.fence(campaignId, current);
              continue;
            }
            const record = intent(position);
            if (store.epochOf(campaignId) >= current) {
              await store.append(campaignId, record);
              expected.push(record);
            } else {
              const refused = await store.append(campaignId, record).then(
                () => undefined,
                (error: unknown) => error,
              );
              expect(refused).toBeInstanceOf(LeaseLostError);
              expect(refused).toMatchObject({
                code: 'FLEETCAST_LEASE_LOST',
                epoch: store.epochOf(campaignId),
                currentEpoch: current,
              });
            }
          }
          expect(await readAll(stores[0] as PostgresCampaignStore, campaignId)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a claim racing a paused owner's appends: nothing of the old epoch lands after the new epoch's first record", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        async (before, racing) => {
          const campaignId = `race_${before}_${racing}_${Math.random().toString(36).slice(2, 8)}`;
          await pool.query("INSERT INTO fleetcast_campaigns (campaign_id, status) VALUES ($1, 'submitted')", [
            campaignId,
          ]);
          const old = new PostgresCampaignStore({ pool });
          const next = new PostgresCampaignStore({ pool });
          const first = await claimCampaign(pool, 'old', 0, campaignId);
          old.fence(campaignId, first?.epoch as number);
          for (let i = 0; i < before; i++) await old.append(campaignId, intent(i));
          // The old owner keeps appending while the new one claims and writes.
          const oldWrites = (async () => {
            let refused = 0;
            for (let i = 0; i < racing; i++)
              await old.append(campaignId, intent(100 + i)).catch((error: unknown) => {
                expect(error).toBeInstanceOf(LeaseLostError);
                refused += 1;
              });
            return refused;
          })();
          // SKIP LOCKED passes over the row while an append holds it: a worker simply claims on its next poll.
          let second = await claimCampaign(pool, 'new', 0, campaignId);
          while (second === undefined) second = await claimCampaign(pool, 'new', 0, campaignId);
          next.fence(campaignId, second?.epoch as number);
          await next.append(campaignId, created(0));
          const refused = await oldWrites;
          const rows = await pool.query<{ epoch: string }>(
            'SELECT epoch FROM fleetcast_journal WHERE campaign_id = $1 ORDER BY seq',
            [campaignId],
          );
          const epochs = rows.rows.map((row) => Number(row.epoch));
          expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
          expect(epochs.filter((epoch) => epoch === first?.epoch)).toHaveLength(before + racing - refused);
          expect(epochs.at(-1)).toBe(second?.epoch);
        },
      ),
      { numRuns: 25 },
    );
  });
});
