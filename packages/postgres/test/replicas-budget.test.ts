/**
 * The shared call budget across processes: two replicas (real child processes) drive two campaigns on
 * the same v5 application; the simulator's own request log never shows more than the limit within any
 * 60 s (simulated), over at least 400 calls, and the platform never throttles.
 */
import type { CampaignReport } from '@fleetcast/core';
import { type RequestLogEntry, type Simulator, startSimulator } from '@fleetcast/simulator';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readSharedCampaign, submitCampaign } from '../src/index.js';
import { createTestDatabase, openPool, type TestDatabase } from './postgres-test-database.js';
import { ReplicaFleet } from './replica-fleet.js';

// 60 s simulated = 300 real ms: the budget's window on the database clock is set to match.
const timeScale = 200;
const limit = 30;
const windowMs = 60_000;

let sim: Simulator;
let database: TestDatabase;
let pool: pg.Pool;
let fleet: ReplicaFleet;
beforeAll(async () => {
  sim = await startSimulator({ devices: 2_000, seed: 7, timeScale });
  sim.configure({
    rateLimit: { calls: limit, windowMs },
    unfinishedTaskLimit: { v5: 100 },
    deviceRatePerSecond: 5,
  });
  database = await createTestDatabase();
  pool = openPool(database.url);
  await migrate(pool);
  fleet = new ReplicaFleet((workerId) => ({
    databaseUrl: database.url,
    url: sim.url,
    credentials: sim.credentials,
    workerId,
    timeScale,
    perTask: 5,
    leaseTtlMs: 5_000,
    pollIntervalMs: 100,
    answerDelayMs: 0,
    concurrency: 1,
    rateLimitPerMinute: limit,
  }));
  await Promise.all([fleet.spawn(), fleet.spawn()]);
}, 60_000);
afterAll(async () => {
  await fleet?.stopAll();
  await pool?.end();
  await database?.drop();
  await sim?.close();
});

/** The most requests that arrived within any 60 s of the simulator's clock. */
function busiestWindow(entries: readonly RequestLogEntry[]): number {
  const times = entries.map((entry) => entry.at).sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while ((times[last] as number) - (times[first] as number) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('replicas: one call budget per application across processes', () => {
  it(`two campaigns on two replicas never exceed ${limit} calls in any 60 s of the platform, over >= 400 calls`, async () => {
    const owners = new Map<string, string>();
    fleet.onLine((replica, line) => {
      const [word, campaignId] = line.split(' ');
      if (word === 'claimed' && campaignId !== undefined) owners.set(campaignId, replica.id);
    });
    const ids = ['budget_a', 'budget_b'];
    await Promise.all(
      ids.map((campaignId, k) =>
        submitCampaign(
          pool,
          {
            name: campaignId,
            target: {
              type: 'DeviceList',
              deviceIds: Array.from({ length: 600 }, (_, i) => sim.fleet.deviceId(k * 600 + i)),
            },
            operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: { delay: 0 } },
          },
          // Each replica alone wants more than the limit (8 creates at once, 100 unfinished tasks): only a
          // budget shared across the processes keeps the two together under it.
          { campaignId, adapter: 'v5', runOptions: { concurrency: 8, maxUnfinishedTasks: 100 } },
        ),
      ),
    );
    const deadline = performance.now() + 150_000;
    const reports: CampaignReport[] = [];
    for (const id of ids) {
      for (;;) {
        const state = await readSharedCampaign(pool, id);
        if (state?.status === 'finished') {
          reports.push(state.report as CampaignReport);
          break;
        }
        if (performance.now() > deadline) throw new Error(`${id} did not finish`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    // Two replicas, one campaign each: the budget was shared across processes, not within one.
    expect(new Set(ids.map((id) => owners.get(id))).size).toBe(2);
    const log = sim.requests().filter((entry) => entry.route.startsWith('v5.'));
    expect(log.length).toBeGreaterThanOrEqual(400);
    expect(log.filter((entry) => entry.outcome === 429)).toEqual([]);
    expect(busiestWindow(log)).toBeLessThanOrEqual(limit);
    for (const report of reports) {
      expect(report.status).toBe('completed');
      expect(report.throttles).toBe(0);
    }
    console.log(
      `replicas budget: ${log.length} calls, busiest 60 s window ${busiestWindow(log)} of ${limit}`,
    );
  }, 200_000);
});
