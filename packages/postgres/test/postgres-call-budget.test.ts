import type { ApiCallKind } from '@fleetcast/core';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, PostgresCallBudget } from '../src/index.js';
import { createTestDatabase, openPool, type TestDatabase } from './postgres-test-database.js';

let database: TestDatabase;
/** One pool per replica: each talks to the database over its own connections. */
let pools: pg.Pool[];
beforeAll(async () => {
  database = await createTestDatabase();
  pools = [0, 1, 2].map(() => openPool(database.url, 4));
  await migrate(pools[0] as pg.Pool);
});
afterAll(async () => {
  await Promise.all((pools ?? []).map((pool) => pool.end()));
  await database?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Wall-clock ms with sub-ms resolution: the database's clock on this machine is the same clock. */
const wallNow = () => performance.timeOrigin + performance.now();
const kinds: ApiCallKind[] = ['create', 'poll', 'find', 'auth', 'page'];

describe('PostgresCallBudget: one budget for every replica on an application', () => {
  it('concurrent acquirers on three replicas never exceed the limit in any window (server arrivals)', async () => {
    const windowMs = 400;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }),
        fc.array(
          fc.record({
            replica: fc.integer({ min: 0, max: 2 }),
            kind: fc.constantFrom(...kinds),
            latency: fc.integer({ min: 0, max: 60 }),
            serverAt: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { minLength: 8, maxLength: 24 },
        ),
        async (limit, calls) => {
          const budgetKey = `app_${run++}`;
          const budgets = (pools as pg.Pool[]).map(
            (pool) =>
              new PostgresCallBudget({ pool, budgetKey, callsPerMinute: limit, windowMs, pollMs: 20 }),
          );
          const arrivals: number[] = [];
          // Every call asks at once: the worst case for the shared count.
          await Promise.all(
            calls.map((call) =>
              (budgets[call.replica] as PostgresCallBudget).run(call.kind, async () => {
                await sleep(call.latency * call.serverAt);
                arrivals.push(wallNow());
                await sleep(call.latency * (1 - call.serverAt));
              }),
            ),
          );
          expect(arrivals).toHaveLength(calls.length);
          arrivals.sort((a, b) => a - b);
          // 1 ms for reading two clocks (the database's and this process's) at different moments.
          for (let i = 0; i + limit < arrivals.length; i++)
            expect((arrivals[i + limit] as number) - (arrivals[i] as number)).toBeGreaterThanOrEqual(
              windowMs - 1,
            );
          const counted = budgets.reduce(
            (sum, budget) => sum + Object.values(budget.callsByKind).reduce((a, b) => a + b, 0),
            0,
          );
          expect(counted).toBe(calls.length);
        },
      ),
      { numRuns: 4 },
    );
  });

  it('a holder that died (never answers) keeps its slot until its deadline plus one window, then frees it', async () => {
    const pool = pools[0] as pg.Pool;
    const budget = new PostgresCallBudget({
      pool,
      budgetKey: 'dead',
      callsPerMinute: 1,
      windowMs: 200,
      maxCallMs: 300,
      pollMs: 10,
    });
    // Measured from before the grant: its deadline counts from the database's time of the grant, later.
    const started = wallNow();
    await budget.acquire('create'); // never released: the process "died"
    const release = await budget.acquire('create');
    release();
    expect(wallNow() - started).toBeGreaterThanOrEqual(300 + 200 - 20);
  });

  it('holdFor holds every replica: no call starts anywhere until the hold ends', async () => {
    const [a, b] = (pools as pg.Pool[]).map(
      (pool) =>
        new PostgresCallBudget({ pool, budgetKey: 'held', callsPerMinute: 50, windowMs: 1_000, pollMs: 10 }),
    ) as [PostgresCallBudget, PostgresCallBudget];
    (await a.acquire('poll'))();
    const started = wallNow();
    a.holdFor(300);
    // The hold is written asynchronously: wait until the database has it (as another replica would see it).
    const pool = pools[0] as pg.Pool;
    for (;;) {
      const held = await pool.query(
        "SELECT 1 FROM fleetcast_budgets WHERE budget_key = 'held' AND held_until > clock_timestamp()",
      );
      if (held.rowCount === 1) break;
      await sleep(5);
    }
    (await b.acquire('create'))();
    expect(wallNow() - started).toBeGreaterThanOrEqual(300 - 5);
  });

  it('an aborted waiter rejects with the reason and takes no slot', async () => {
    const pool = pools[1] as pg.Pool;
    const budget = new PostgresCallBudget({
      pool,
      budgetKey: 'abort',
      callsPerMinute: 1,
      windowMs: 10_000,
      pollMs: 10,
    });
    (await budget.acquire('poll'))();
    const controller = new AbortController();
    const waiting = budget.acquire('create', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(budget.callsByKind.create).toBe(0);
  });

  it('refuses bad options with a typed error naming the field and range', () => {
    const pool = pools[0] as pg.Pool;
    expect(() => new PostgresCallBudget({ pool, budgetKey: 'x', callsPerMinute: 0 })).toThrow(
      /callsPerMinute: 0 is not allowed \(an integer from 1 to 1000000\)/,
    );
    expect(() => new PostgresCallBudget({ pool, budgetKey: '', callsPerMinute: 5 })).toThrow(/budgetKey/);
  });
});
