import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/src/run-cli.js';
import { collectingIo } from '../../cli/test/__test-helpers__/collecting-io.js';
import { PostgresCampaignStore, readSharedCampaign, submitCampaign } from '../src/index.js';
import { createTestDatabase, openPool, type TestDatabase } from './postgres-test-database.js';

let simulator: Simulator;
let database: TestDatabase;
let pool: pg.Pool;
const folder = mkdtempSync(join(tmpdir(), 'fleetcast-cli-db-'));
const campaignFile = join(folder, 'campaign.json');
let env: Record<string, string>;

beforeAll(async () => {
  simulator = await startSimulator({
    devices: 100,
    seed: 9,
    deviceRatePerSecond: 20_000,
    pendingDelayMs: 50,
  });
  database = await createTestDatabase();
  pool = openPool(database.url);
  env = {
    FLEETCAST_V5_PROJECT_ID: simulator.credentials.v5.projectId,
    FLEETCAST_V5_TOKEN: simulator.credentials.v5.token,
    FLEETCAST_DATABASE_URL: database.url,
  };
  writeFileSync(
    campaignFile,
    JSON.stringify({
      name: 'cli_db',
      target: { type: 'DeviceList', deviceIds: [0, 1, 2, 3, 4].map((i) => simulator.fleet.deviceId(i)) },
      operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: {} },
    }),
  );
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
  await simulator?.close();
});

describe('CLI with --database-url / FLEETCAST_DATABASE_URL', () => {
  it('migrate creates the tables once; run keeps its journal and budget in the database', async () => {
    const first = collectingIo({ env, cwd: folder });
    expect(await runCli(['migrate', '--database-url', database.url], first)).toBe(0);
    expect(first.stdout.text()).toMatch(/applied migration\(s\) 1; schema version 1/);
    const again = collectingIo({ env, cwd: folder });
    expect(await runCli(['migrate'], again)).toBe(0);
    expect(again.stdout.text()).toMatch(/up to date/);

    const run = collectingIo({ env, cwd: folder });
    const code = await runCli(
      [
        'run',
        campaignFile,
        '--platform',
        'v5',
        '--endpoint',
        simulator.url,
        '--journal',
        'cli_db_1.jsonl',
        '--json',
      ],
      run,
    );
    expect(run.stderr.text()).toMatch(/campaign completed/);
    expect(code).toBe(0);
    expect(JSON.parse(run.stdout.text()).status).toBe('completed');
    const types: string[] = [];
    for await (const record of new PostgresCampaignStore({ pool }).read('cli_db_1')) types.push(record.type);
    expect(types[0]).toBe('campaign-started');
    expect(types.at(-1)).toBe('campaign-finished');
    const calls = await pool.query('SELECT count(*)::int AS n FROM fleetcast_budget_calls');
    expect(calls.rows[0].n).toBeGreaterThan(0);
    // The same ID again is refused: the database already holds that campaign.
    const reuse = collectingIo({ env, cwd: folder });
    expect(
      await runCli(
        ['run', campaignFile, '--platform', 'v5', '--endpoint', simulator.url, '--journal', 'cli_db_1.jsonl'],
        reuse,
      ),
    ).toBe(2);
    expect(reuse.stderr.text()).toMatch(/already holds a campaign/);
    expect(reuse.stderr.text()).not.toContain(database.url);
  });

  it('fleetcast submit hands a campaign to fleetcast worker, which drives it and stops cleanly on the signal', async () => {
    const controller = new AbortController();
    const io = collectingIo({ env, cwd: folder, signal: controller.signal });
    const worker = runCli(
      [
        'worker',
        '--platform',
        'v5',
        '--endpoint',
        simulator.url,
        '--poll-interval',
        '100',
        '--lease-ttl',
        '5000',
      ],
      io,
    );
    const campaign = {
      name: 'cli_worker',
      target: {
        type: 'DeviceList' as const,
        deviceIds: [10, 11, 12].map((i) => simulator.fleet.deviceId(i)),
      },
      operation: { type: 'command' as const, serviceId: 'svc', commandName: 'reboot', paras: {} },
    };
    const campaignPath = join(folder, 'worker-campaign.json');
    writeFileSync(campaignPath, JSON.stringify(campaign));
    const submit = collectingIo({ env, cwd: folder });
    expect(
      await runCli(['submit', campaignPath, '--platform', 'v5', '--campaign-id', 'cli_worker'], submit),
    ).toBe(0);
    const id = submit.stdout.text().trim();
    expect(id).toBe('cli_worker');
    // The same ID twice is refused with a typed error.
    await expect(submitCampaign(pool, campaign, { campaignId: id, adapter: 'v5' })).rejects.toMatchObject({
      code: 'FLEETCAST_CAMPAIGN_EXISTS',
    });
    const deadline = performance.now() + 30_000;
    while ((await readSharedCampaign(pool, id))?.status !== 'finished') {
      if (performance.now() > deadline) throw new Error(`not finished: ${io.stderr.text()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    controller.abort();
    expect(await worker).toBe(0);
    expect(io.stderr.text()).toMatch(/claimed cli_worker \(epoch 1\)/);
    expect(io.stderr.text()).toMatch(/finished cli_worker: completed/);
    expect(io.stderr.text()).toMatch(/worker stopped; leases released/);
    expect((await readSharedCampaign(pool, id))?.report?.status).toBe('completed');
  });

  it('refuses a URL that is not postgres:// without echoing it', async () => {
    const io = collectingIo({
      env: { ...env, FLEETCAST_DATABASE_URL: 'mysql://u:pw-secret@h/db' },
      cwd: folder,
    });
    expect(await runCli(['migrate'], io)).toBe(2);
    expect(io.stderr.text()).toMatch(/--database-url: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(io.stderr.text()).not.toContain('pw-secret');
  });
});
