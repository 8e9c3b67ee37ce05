/**
 * Issue 15's figures (docs/benchmarks.md, "Issue 15"): journal appends per second and p99 latency
 * (PostgreSQL store vs file store), budget acquire p99 with three replicas on one application, and
 * take-over time from a SIGKILL of a campaign's owner to the next create by another replica.
 * Needs a PostgreSQL server (FLEETCAST_TEST_DATABASE_URL, else 127.0.0.1:5432). Run: `pnpm bench`
 * in packages/postgres, or `node --import tsx packages/postgres/bench/replicas.bench.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CampaignStore, FileCampaignStore, type JournalRecord } from '@fleetcast/core';
import { startSimulator } from '@fleetcast/simulator';
import { migrate, PostgresCallBudget, PostgresCampaignStore, submitCampaign } from '../src/index.js';
import { createTestDatabase, openPool } from '../test/postgres-test-database.js';
import { ReplicaFleet } from '../test/replica-fleet.js';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};
const record = (index: number): JournalRecord => ({
  type: 'task-intent',
  index,
  name: `bench_part${index + 1}`,
  attempt: 1,
  at: index,
});

/** Appends one after the other (as the runner issues them per campaign), `campaigns` campaigns at once. */
async function appends(store: CampaignStore, campaigns: number, perCampaign: number) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: campaigns }, async (_, c) => {
      for (let i = 0; i < perCampaign; i++) {
        const t = performance.now();
        await store.append(`bench_${c}`, record(i));
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (let c = 0; c < campaigns; c++) await store.release?.(`bench_${c}`);
  return {
    perSecond: Math.round(latencies.length / seconds),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}

const database = await createTestDatabase();
const pool = openPool(database.url, 10);
const folder = await mkdtemp(join(tmpdir(), 'fleetcast-bench-'));
try {
  await migrate(pool);
  for (const campaigns of [1, 8]) {
    const pg = await appends(new PostgresCampaignStore({ pool }), campaigns, 2_000 / campaigns);
    const file = await appends(
      new FileCampaignStore({ directory: join(folder, `c${campaigns}`) }),
      campaigns,
      2_000 / campaigns,
    );
    console.log(
      `appends, ${campaigns} campaign(s) at once: postgres ${pg.perSecond}/s p50 ${pg.p50.toFixed(2)} ms p99 ${pg.p99.toFixed(2)} ms; file ${file.perSecond}/s p50 ${file.p50.toFixed(2)} ms p99 ${file.p99.toFixed(2)} ms`,
    );
  }

  // Three replicas (own pools), each with 4 calls waiting at once, on one application allowing 1,000
  // calls a minute (10x the platforms' default) so that 900 grants never wait for the window: the cost of
  // a grant (advisory lock, count of the calls in the window, insert), contended by the other replicas.
  const replicas = [0, 1, 2].map(() => openPool(database.url, 4));
  const budgets = replicas.map(
    (replicaPool) => new PostgresCallBudget({ pool: replicaPool, budgetKey: 'bench', callsPerMinute: 1_000 }),
  );
  const grants: number[] = [];
  const started = performance.now();
  await Promise.all(
    budgets.flatMap((budget) =>
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 75; i++) {
          const t = performance.now();
          const release = await budget.acquire('poll');
          grants.push(performance.now() - t);
          release();
        }
      }),
    ),
  );
  const grantSeconds = (performance.now() - started) / 1000;
  console.log(
    `budget acquire, 3 replicas x 4 waiting: ${Math.round(grants.length / grantSeconds)} grants/s, p50 ${quantile(grants, 0.5).toFixed(2)} ms, p99 ${quantile(grants, 0.99).toFixed(2)} ms`,
  );
  await Promise.all(replicas.map((replicaPool) => replicaPool.end()));

  // Take-over: SIGKILL the owner, time until another replica's next create call (its `task-creating`:
  // intent journaled, create sent next).
  const timeScale = 200;
  const leaseTtlMs = 2_000;
  const pollIntervalMs = 200;
  const sim = await startSimulator({ devices: 4_000, seed: 3, timeScale });
  sim.configure({ unfinishedTaskLimit: { v5: 4 }, deviceRatePerSecond: 0.5 });
  const fleet = new ReplicaFleet((workerId) => ({
    databaseUrl: database.url,
    url: sim.url,
    credentials: sim.credentials,
    workerId,
    timeScale,
    perTask: 20,
    leaseTtlMs,
    pollIntervalMs,
    answerDelayMs: 0,
    concurrency: 1,
  }));
  try {
    await Promise.all([fleet.spawn(), fleet.spawn(), fleet.spawn()]);
    const owner = new Map<string, { id: string; kill: () => void }>();
    let waiting:
      | { since: number; killed: string; campaignId: string; heir?: string; resolve: (ms: number) => void }
      | undefined;
    fleet.onLine((replica, line) => {
      const [word, campaignId, name] = line.split(' ');
      if (campaignId === undefined) return;
      if (word === 'claimed' || word === 'event')
        owner.set(campaignId, { id: replica.id, kill: () => fleet.kill(replica) });
      if (waiting?.campaignId !== campaignId || replica.id === waiting.killed) return;
      // The next create of the killed replica's campaign, by the replica that claimed it after the kill.
      if (word === 'claimed') waiting.heir = replica.id;
      if (word === 'event' && name === 'task-creating' && replica.id === waiting.heir) {
        waiting.resolve(performance.now() - waiting.since);
        waiting = undefined;
      }
    });
    const takeovers: number[] = [];
    for (let k = 0; k < 6; k++) {
      const campaignId = `takeover_${k}`;
      await submitCampaign(
        pool,
        {
          name: campaignId,
          target: {
            type: 'DeviceList',
            deviceIds: Array.from({ length: 400 }, (_, i) => sim.fleet.deviceId(k * 400 + i)),
          },
          operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: { delay: 0 } },
        },
        { campaignId, adapter: 'v5', runOptions: { concurrency: 1 } },
      );
      // Let it create a few tasks, then kill its owner right after a create was answered and journaled.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const victim = owner.get(campaignId);
      if (victim === undefined) continue;
      const measured = new Promise<number>((resolve) => {
        waiting = { since: performance.now(), killed: victim.id, campaignId, resolve };
      });
      victim.kill();
      const respawn = fleet.spawn();
      takeovers.push(await measured);
      await respawn;
    }
    console.log(
      `take-over SIGKILL -> next create by another replica (lease TTL ${leaseTtlMs} ms, poll ${pollIntervalMs} ms): ${takeovers.map((ms) => Math.round(ms)).join(', ')} ms; median ${Math.round(quantile(takeovers, 0.5))} ms, max ${Math.round(Math.max(...takeovers))} ms`,
    );
  } finally {
    await fleet.stopAll();
    await sim.close();
  }
} finally {
  await pool.end();
  await database.drop();
  await rm(folder, { recursive: true, force: true });
}
