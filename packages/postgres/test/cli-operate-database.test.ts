import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryAdapter } from '@fleetcast/core/testing';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/src/run-cli.js';
import { collectingIo } from '../../cli/test/__test-helpers__/collecting-io.js';
import {
  createCampaignWorker,
  migrate,
  PostgresCampaignStore,
  readSharedCampaign,
  submitCampaign,
} from '../src/index.js';
import { createTestDatabase, openPool, type TestDatabase } from './postgres-test-database.js';

let simulator: Simulator;
let database: TestDatabase;
let pool: pg.Pool;
// An empty folder: nothing may be found in a file journal, only in the database.
const folder = mkdtempSync(join(tmpdir(), 'fleetcast-cli-ops-db-'));
let env: Record<string, string>;
let deviceIds: string[];

beforeAll(async () => {
  simulator = await startSimulator({
    devices: 100,
    seed: 11,
    deviceRatePerSecond: 20_000,
    pendingDelayMs: 50,
  });
  database = await createTestDatabase();
  pool = openPool(database.url);
  await migrate(pool);
  env = {
    FLEETCAST_V5_PROJECT_ID: simulator.credentials.v5.projectId,
    FLEETCAST_V5_TOKEN: simulator.credentials.v5.token,
    FLEETCAST_DATABASE_URL: database.url,
  };
  deviceIds = [0, 1, 2, 3, 4].map((i) => simulator.fleet.deviceId(i));
  writeFileSync(
    join(folder, 'campaign.json'),
    JSON.stringify({
      name: 'ops_db',
      target: { type: 'DeviceList', deviceIds },
      operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: {} },
    }),
  );
  const run = collectingIo({ env, cwd: folder });
  const args = [
    'run',
    'campaign.json',
    '--platform',
    'v5',
    '--endpoint',
    simulator.url,
    '--journal',
    'ops_db_1.jsonl',
  ];
  if ((await runCli(args, run)) !== 0) throw new Error(run.stderr.text());
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
  await simulator?.close();
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = collectingIo({ env, cwd: folder });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

describe('operating commands with FLEETCAST_DATABASE_URL read the database journal', () => {
  it('list and status show the campaign journaled in the database (the folder has no journal file)', async () => {
    const list = await cli(['list', '--json']);
    expect(list.code).toBe(0);
    const campaigns = JSON.parse(list.stdout) as { campaignId: string; state: string }[];
    expect(campaigns.map((campaign) => [campaign.campaignId, campaign.state])).toEqual([
      ['ops_db_1', 'finished'],
    ]);
    const status = await cli(['status', 'ops_db_1', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      campaignId: 'ops_db_1',
      state: 'finished',
      totals: { succeeded: 5 },
    });
    // Without the database the same ID is looked up as a file, which does not exist.
    const file = await cli(['status', 'ops_db_1', '--json', '--journal-dir', '.']);
    expect(file.code).toBe(0);
    const { FLEETCAST_DATABASE_URL: _url, ...withoutDatabase } = env;
    const io = collectingIo({ env: withoutDatabase, cwd: folder });
    expect(await runCli(['status', 'ops_db_1'], io)).toBe(2);
    expect(io.stderr.text()).toMatch(/no journal/);
  });

  it('results pages the platform for the devices of the database journal', async () => {
    const results = await cli(['results', 'ops_db_1', '--endpoint', simulator.url, '--format', 'jsonl']);
    expect(results.code).toBe(0);
    const rows = results.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { deviceId: string; state: string });
    expect(rows.map((row) => row.deviceId).sort()).toEqual([...deviceIds].sort());
    expect(new Set(rows.map((row) => row.state))).toEqual(new Set(['succeeded']));
  });

  it('an unknown campaign ID and --journal with the database are input errors that do not echo the URL', async () => {
    const unknown = await cli(['status', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no journal of campaign "nope" in the database/);
    const journal = await cli(['status', '--journal', 'x.jsonl']);
    expect(journal.code).toBe(2);
    expect(journal.stderr).toMatch(/--journal: does not apply with --database-url/);
    expect(unknown.stderr + journal.stderr).not.toContain(database.url);
  });

  it('stop goes through the database: an unclaimed submission is stopped; a run-only journal is not', async () => {
    const campaign = {
      name: 'ops_db_submitted',
      target: { type: 'DeviceList' as const, deviceIds },
      operation: { type: 'command' as const, serviceId: 'svc', commandName: 'reboot', paras: {} },
    };
    // No worker runs in this file: the submission stays unclaimed, so it has no journal yet.
    await submitCampaign(pool, campaign, { campaignId: 'ops_db_sub', adapter: 'v5' });
    const stopped = await cli(['stop', 'ops_db_sub']);
    expect(stopped.stderr).toBe('');
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(
      /stop requested through the database; no worker had claimed it, it is stopped/,
    );
    const state = await readSharedCampaign(pool, 'ops_db_sub');
    expect(state).toMatchObject({ status: 'stopped', stopRequested: true });
    const unknown = await cli(['stop', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no campaign "nope" in the database/);

    const runOnly = await cli(['stop', 'ops_db_1', '--json']);
    expect(runOnly.code).toBe(1);
    expect(JSON.parse(runOnly.stdout)).toMatchObject({ campaignId: 'ops_db_1', requested: false });
    const force = await cli(['stop', 'ops_db_1', '--force', '--endpoint', simulator.url]);
    expect(force.code).toBe(2);
    expect(force.stderr).toMatch(/--force: does not apply with --database-url/);
  });

  it('retry with the database is refused, naming why, and writes nothing', async () => {
    const before = await pool.query('SELECT count(*)::int AS n FROM fleetcast_journal');
    const retry = await cli(['retry', 'ops_db_1', '--failed-devices', '--endpoint', simulator.url]);
    expect(retry.code).toBe(2);
    expect(retry.stderr).toMatch(/--database-url: retry does not run through the database/);
    const after = await pool.query('SELECT count(*)::int AS n FROM fleetcast_journal');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('resume --database-url continues the database journal: a finished campaign creates nothing again', async () => {
    const resume = await cli([
      'resume',
      '--journal',
      'ops_db_1.jsonl',
      '--endpoint',
      simulator.url,
      '--json',
    ]);
    expect(resume.stderr).toMatch(/Journal: the database \(campaign ops_db_1\)/);
    expect(resume.code).toBe(0);
    const report = JSON.parse(resume.stdout) as { status: string; totals: { succeeded: number } };
    expect(report).toMatchObject({ status: 'completed', totals: { succeeded: 5 } });
    const types: string[] = [];
    for await (const record of new PostgresCampaignStore({ pool }).read('ops_db_1')) types.push(record.type);
    expect(types.filter((type) => type === 'task-intent')).toHaveLength(1);
    const unknown = await cli(['resume', '--journal', 'nope.jsonl', '--endpoint', simulator.url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no journal of campaign "nope" in the database/);
  });

  it('stop through the database reaches the worker that holds the campaign: it ends the run as stopped', async () => {
    // Tasks that never finish and two unfinished slots: only the stop can end this campaign.
    const adapter = createMemoryAdapter({
      capabilities: { maxTargetsPerTask: 1, maxUnfinishedTasks: 2 },
      taskDurationMs: Number.MAX_SAFE_INTEGER,
    });
    const worker = createCampaignWorker({
      pool,
      adapters: { memory: adapter },
      pollIntervalMs: 50,
      leaseTtlMs: 2_000,
    });
    try {
      const id = await submitCampaign(
        pool,
        {
          name: 'ops_db_held',
          target: { type: 'DeviceList', deviceIds },
          operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: {} },
        },
        { campaignId: 'ops_db_held', adapter: 'memory' },
      );
      while (adapter.tasks.length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
      const stop = await cli(['stop', id, '--json']);
      expect(stop.code).toBe(0);
      expect(JSON.parse(stop.stdout)).toMatchObject({ campaignId: id, requested: true, status: 'running' });
      while ((await readSharedCampaign(pool, id))?.status !== 'stopped')
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await readSharedCampaign(pool, id))?.report?.status).toBe('cancelled');
      expect(adapter.tasks.length).toBeLessThanOrEqual(2);
      const status = await cli(['status', id, '--json']);
      expect(JSON.parse(status.stdout)).toMatchObject({ campaignId: id, state: 'cancelled' });
    } finally {
      await worker.stop();
    }
  });
});
