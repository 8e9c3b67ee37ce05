import type { Campaign, RunnerClock } from '@fleetcast/core';
import { retryCampaign, systemClock } from '@fleetcast/core';
import { createMemoryAdapter, type MemoryAdapter } from '@fleetcast/core/testing';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CampaignWorker,
  createCampaignWorker,
  LeaseLostError,
  migrate,
  PostgresCampaignStore,
  readSharedCampaign,
  requestCampaignStop,
  submitCampaign,
} from '../src/index.js';
import { createTestDatabase, openPool, type TestDatabase } from './postgres-test-database.js';

// Platform and runner time run 100× real time: a 60 s task lasts 0.6 real s.
const timeScale = 100;
const start = performance.now();
const clock: RunnerClock = {
  now: () => (performance.now() - start) * timeScale,
  sleep: (ms, signal) => systemClock.sleep(ms / timeScale, signal),
};

let database: TestDatabase;
let pool: pg.Pool;
const workers: CampaignWorker[] = [];
const errors: unknown[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  pool = openPool(database.url, 10);
  await migrate(pool);
});
// Every test starts with no worker of an earlier one (it would claim this test's campaigns).
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  expect(errors.splice(0)).toEqual([]);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

function platform(): MemoryAdapter {
  return createMemoryAdapter({ clock, capabilities: { maxTargetsPerTask: 5 }, taskDurationMs: 60_000 });
}

function campaign(devices: number, name: string): Campaign {
  return {
    name,
    target: { type: 'DeviceList', deviceIds: Array.from({ length: devices }, (_, i) => `${name}-dev${i}`) },
    operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: { delay: 0 } },
  };
}

function worker(adapter: MemoryAdapter, workerId: string, leaseTtlMs = 2_000): CampaignWorker {
  const started = createCampaignWorker({
    pool,
    adapters: { memory: adapter },
    concurrency: 2,
    leaseTtlMs,
    pollIntervalMs: 50,
    workerId,
    budgetWindowMs: 60_000 / timeScale,
    runOptions: { clock, poll: { minIntervalMs: 2_000 } },
    onError: (error) => errors.push(error),
  });
  workers.push(started);
  return started;
}

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const finished = (id: string) => async () => (await readSharedCampaign(pool, id))?.status === 'finished';

function noDuplicates(adapter: MemoryAdapter): void {
  const names = adapter.tasks.map((task) => task.name);
  expect(new Set(names).size).toBe(names.length);
  const devices = adapter.tasks.flatMap((task) => task.deviceIds ?? []);
  expect(new Set(devices).size).toBe(devices.length);
}

describe('createCampaignWorker', () => {
  it('two replicas take submitted campaigns, each is driven once to its report', async () => {
    const adapter = platform();
    worker(adapter, 'replica_a');
    worker(adapter, 'replica_b');
    const ids = await Promise.all(
      ['w1', 'w2', 'w3'].map((name) =>
        submitCampaign(pool, campaign(12, name), { campaignId: name, adapter: 'memory' }),
      ),
    );
    for (const id of ids) await until(finished(id));
    noDuplicates(adapter);
    expect(adapter.tasks).toHaveLength(9);
    for (const id of ids) {
      const state = await readSharedCampaign(pool, id);
      expect(state?.report?.status).toBe('completed');
      expect(state?.report?.totals.succeeded).toBe(12);
      expect(state?.owner).toBeNull();
    }
  });

  it('stop() releases the lease: another replica continues from the journal at once, not after the TTL', async () => {
    // Room for two unfinished tasks (each runs 0.6 real s): replica A cannot create all 8 before its stop.
    const adapter = createMemoryAdapter({
      clock,
      capabilities: { maxTargetsPerTask: 5, maxUnfinishedTasks: 2 },
      taskDurationMs: 60_000,
    });
    // A long TTL: only the release can make the take-over fast.
    const a = worker(adapter, 'handoff_a', 60_000);
    const id = await submitCampaign(pool, campaign(40, 'handoff'), {
      campaignId: 'handoff',
      adapter: 'memory',
      runOptions: { concurrency: 1 },
    });
    await until(async () => adapter.tasks.length >= 2);
    await a.stop();
    const createdByA = adapter.tasks.length;
    expect(createdByA).toBeLessThan(8);
    // Released, not left to expire: no owner and no expiry to wait for (a wall-clock bound on the
    // take-over would fail on a loaded machine; the state the claim query reads does not).
    expect(await readSharedCampaign(pool, id)).toMatchObject({
      status: 'running',
      owner: null,
      leaseExpiresAt: null,
      epoch: 1,
    });
    worker(adapter, 'handoff_b', 60_000);
    await until(async () => adapter.tasks.length > createdByA);
    await until(finished(id));
    noDuplicates(adapter);
    expect(adapter.tasks).toHaveLength(8);
    const state = await readSharedCampaign(pool, id);
    expect(state?.report?.totals.succeeded).toBe(40);
    expect(state?.epoch).toBe(2);
  });

  it('every database connection cut mid-run (as a server restart does): the campaign resumes and finishes, nothing twice', async () => {
    const adapter = platform();
    worker(adapter, 'restart_a');
    worker(adapter, 'restart_b');
    const id = await submitCampaign(pool, campaign(40, 'restart'), {
      campaignId: 'restart',
      adapter: 'memory',
      runOptions: { concurrency: 1 },
    });
    await until(async () => adapter.tasks.length >= 2);
    // Ends every other session on this database ten times, 100 ms apart, as a server restart does: whatever
    // each cut hits (an append, a renewal, a claim, an idle connection), the campaign must still finish
    // with every device once. A bounded burst, awaited here, so no cut reaches a later test.
    for (let cut = 0; cut < 10; cut++) {
      await pool.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await until(finished(id), 50_000);
    noDuplicates(adapter);
    expect(adapter.tasks).toHaveLength(8);
    const state = await readSharedCampaign(pool, id);
    expect(state?.report?.status).toBe('completed');
    expect(state?.report?.totals.succeeded).toBe(40);
    // A run a cut failed reported the connection's error to onError and was claimed again.
    errors.splice(0);
  });

  it('a stop requested from another replica reaches the owner through the database', async () => {
    // Tasks that never finish and room for two unfinished ones: the campaign cannot end by itself (it
    // waits for a slot forever), so however slow the machine, only the stop can end it.
    const adapter = createMemoryAdapter({
      clock,
      capabilities: { maxTargetsPerTask: 5, maxUnfinishedTasks: 2 },
      taskDurationMs: Number.MAX_SAFE_INTEGER,
    });
    worker(adapter, 'stop_owner');
    const id = await submitCampaign(pool, campaign(60, 'stopme'), {
      campaignId: 'stopme',
      adapter: 'memory',
      runOptions: { concurrency: 1 },
    });
    await until(async () => adapter.tasks.length >= 1);
    expect(await requestCampaignStop(pool, id)).toBe(true);
    await until(async () => (await readSharedCampaign(pool, id))?.status === 'stopped');
    const state = await readSharedCampaign(pool, id);
    expect(state?.report?.status).toBe('cancelled');
    // Nothing created after the stop: the two slots were all the run ever had.
    expect(adapter.tasks.length).toBeLessThanOrEqual(2);
    const journal: string[] = [];
    for await (const record of new PostgresCampaignStore({ pool }).read(id)) journal.push(record.type);
    expect(journal.at(-1)).toBe('campaign-finished');
    expect(await requestCampaignStop(pool, id)).toBe(false);
  });

  it('a campaign on an adapter the worker lacks ends with FLEETCAST_ADAPTER_UNKNOWN, not as a lost lease', async () => {
    const lost: string[] = [];
    const adapter = platform();
    workers.push(
      createCampaignWorker({
        pool,
        adapters: { memory: adapter },
        leaseTtlMs: 2_000,
        pollIntervalMs: 50,
        workerId: 'unknown_adapter',
        onError: (error) => errors.push(error),
        onLeaseLost: (campaignId) => lost.push(campaignId),
      }),
    );
    const id = await submitCampaign(pool, campaign(5, 'noadapter'), {
      campaignId: 'noadapter',
      adapter: 'nope',
    });
    await until(finished(id));
    const report = (await readSharedCampaign(pool, id))?.report as unknown as { error?: { code: string } };
    expect(report.error?.code).toBe('FLEETCAST_ADAPTER_UNKNOWN');
    expect(lost).toEqual([]);
    expect(adapter.tasks).toEqual([]);
    expect(errors.splice(0).map((error) => (error as { code?: string }).code)).toEqual([
      'FLEETCAST_ADAPTER_UNKNOWN',
    ]);
  });

  it('retryCampaign from a process without the lease is refused by the database before any call: nothing written or created', async () => {
    const adapter = createMemoryAdapter({
      clock,
      capabilities: { maxTargetsPerTask: 5 },
      taskDurationMs: 60_000,
      deviceOutcome: () => 'failed',
    });
    worker(adapter, 'retry_owner');
    const id = await submitCampaign(pool, campaign(10, 'retryme'), {
      campaignId: 'retryme',
      adapter: 'memory',
    });
    await until(finished(id));
    const tasksBefore = adapter.tasks.length;
    const rows = async () =>
      (await pool.query('SELECT count(*)::int AS n FROM fleetcast_journal WHERE campaign_id = $1', [id]))
        .rows[0].n;
    const journalBefore = await rows();
    // A store without fence() appends with epoch 0; a worker claimed the campaign (epoch 1).
    const retry = retryCampaign(id, {
      adapter,
      store: new PostgresCampaignStore({ pool }),
      what: 'failedDevices',
      clock,
    });
    await expect(retry).rejects.toSatisfy(LeaseLostError.isInstance);
    await expect(retry).rejects.toMatchObject({ code: 'FLEETCAST_LEASE_LOST', epoch: 0, currentEpoch: 1 });
    expect(adapter.tasks.length).toBe(tasksBefore);
    expect(await rows()).toBe(journalBefore);
  });
});
