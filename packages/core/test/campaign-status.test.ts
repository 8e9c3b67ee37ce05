import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createVirtualClock,
  FileCampaignStore,
  listCampaigns,
  MemoryCampaignStore,
  readCampaignStatus,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter } from '../src/testing/index.js';
import { deviceCampaign } from './__test-helpers__/runner-test-kit.js';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('readCampaignStatus and listCampaigns', () => {
  it('the journal alone gives what the report said: tasks, states, counts, totals, state', async () => {
    const clock = createVirtualClock();
    const adapter = createMemoryAdapter({
      clock,
      capabilities: { maxTargetsPerTask: 10 },
      deviceOutcome: (id) => (id.endsWith('3') ? 'failed' : 'succeeded'),
    });
    const store = new MemoryCampaignStore();
    const report = await runCampaign(deviceCampaign(35), { adapter, clock, store, campaignId: 'a' }).result;
    const calls = adapter.calls.length;
    const status = await readCampaignStatus('a', { store });
    expect(adapter.calls.length).toBe(calls);
    expect(status).toMatchObject({
      campaignId: 'a',
      campaignName: 'camp',
      adapter: 'memory',
      state: 'finished',
    });
    expect(
      status.tasks.map(({ index, name, taskId, state, counts, targets }) => ({
        index,
        name,
        taskId,
        state,
        counts,
        targets,
      })),
    ).toEqual(
      report.tasks.map(({ index, name, taskId, state, counts, targets }) => ({
        index,
        name,
        taskId,
        state,
        counts,
        targets,
      })),
    );
    expect(status.totals).toEqual(report.totals);
    expect(status.refreshCalls).toBe(0);
  });

  it('with an adapter, polls each running task once through the budget; without, counts them unknown', async () => {
    const clock = createVirtualClock();
    const adapter = createMemoryAdapter({
      clock,
      capabilities: { maxTargetsPerTask: 10 },
      taskDurationMs: 3_600_000,
    });
    const store = new MemoryCampaignStore();
    const stop = new AbortController();
    const run = runCampaign(deviceCampaign(30), {
      adapter,
      clock,
      store,
      campaignId: 'b',
      signal: stop.signal,
    });
    let created = 0;
    run.on('task-created', () => {
      created += 1;
      if (created === 3) stop.abort();
    });
    await run.result;
    const journalOnly = await readCampaignStatus('b', { store });
    expect(journalOnly.state).toBe('cancelled');
    expect(journalOnly.totals).toMatchObject({ targeted: 30, unknown: 30 });
    const gets = adapter.calls.filter((call) => call.route === 'get').length;
    await clock.sleep(1_800_000);
    const refreshed = await readCampaignStatus('b', { store, adapter });
    expect(adapter.calls.filter((call) => call.route === 'get').length - gets).toBe(3);
    expect(refreshed.refreshCalls).toBe(3);
    expect(refreshed.tasks.every((task) => task.refreshed === true && task.state === 'running')).toBe(true);
    expect(refreshed.totals.unknown).toBe(30 - refreshed.totals.succeeded);
    expect(refreshed.totals.succeeded).toBeGreaterThan(0);
  });

  it('listCampaigns lists every campaign of a file store with its state; other files are ignored', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'fleetcast-list-'));
    folders.push(folder);
    const clock = createVirtualClock();
    const store = new FileCampaignStore({ directory: folder });
    const ok = createMemoryAdapter({ clock });
    await runCampaign(deviceCampaign(5, 'first'), { adapter: ok, clock, store, campaignId: 'one' }).result;
    const revoked = createMemoryAdapter({ clock, fault: () => ({ type: 'auth' }) });
    await runCampaign(deviceCampaign(5, 'second'), { adapter: revoked, clock, store, campaignId: 'two' })
      .result;
    await writeFile(join(folder, 'notes.txt'), 'x');
    await writeFile(join(folder, 'empty.jsonl'), '');
    const listed = await listCampaigns(new FileCampaignStore({ directory: folder }));
    expect(
      listed
        .map(({ campaignId, campaignName, state }) => ({ campaignId, campaignName, state }))
        .sort((a, b) => a.campaignId.localeCompare(b.campaignId)),
    ).toEqual([
      { campaignId: 'one', campaignName: 'first', state: 'finished' },
      { campaignId: 'two', campaignName: 'second', state: 'failed' },
    ]);
    const failed = await readCampaignStatus('two', { store });
    expect(failed.failure?.kind).toBe('auth');
    expect(failed.totals).toMatchObject({ targeted: 5, notCreated: 5 });
    expect(await listCampaigns(new FileCampaignStore({ directory: join(folder, 'missing') }))).toEqual([]);
  });

  it('an unknown campaign is CampaignNotFoundError', async () => {
    await expect(readCampaignStatus('nope', { store: new MemoryCampaignStore() })).rejects.toMatchObject({
      code: 'FLEETCAST_CAMPAIGN_NOT_FOUND',
    });
  });
});
