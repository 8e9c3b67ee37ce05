import { describe, expect, it } from 'vitest';
import {
  campaignResults,
  createVirtualClock,
  type DeviceResult,
  MemoryCampaignStore,
  readCampaignStatus,
  resumeCampaign,
  runCampaign,
  stopCampaign,
} from '../src/index.js';
import { createMemoryAdapter } from '../src/testing/index.js';
import { deviceCampaign } from './__test-helpers__/runner-test-kit.js';

async function collect(results: AsyncIterable<DeviceResult>): Promise<DeviceResult[]> {
  const all: DeviceResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

function setup(stoppable: boolean) {
  const clock = createVirtualClock();
  const adapter = createMemoryAdapter({
    clock,
    capabilities: { maxTargetsPerTask: 10, maxUnfinishedTasks: 2 },
    taskDurationMs: 600_000,
    ...(stoppable ? { taskActions: { stop: ['command'] } } : {}),
  });
  return { clock, adapter, store: new MemoryCampaignStore() };
}

describe('stopCampaign', () => {
  it('force: the run in this process stops creating, the platform stops the unfinished devices, and they stay stopped; a resume creates nothing', async () => {
    const { clock, adapter, store } = setup(true);
    const run = runCampaign(deviceCampaign(60), { adapter, clock, store, campaignId: 's' });
    const events: string[] = [];
    run.on('campaign-stopping', (event) => events.push(`stopping ${event.mode}`));
    run.on('task-stopped', (event) => events.push(`${event.name} ${event.outcome}`));
    let stopping: ReturnType<typeof stopCampaign> | undefined;
    run.on('task-created', (event) => {
      if (event.index === 1) stopping = stopCampaign('s', { store, adapter, clock, mode: 'force' });
    });
    const report = await run.result;
    const result = await (stopping as ReturnType<typeof stopCampaign>);
    expect(report.status).toBe('stopped');
    expect(result.stoppedRun).toBe(true);
    expect(adapter.tasks).toHaveLength(2);
    expect(result.tasks.map((task) => task.outcome)).toEqual(['stopped', 'stopped']);
    expect(events).toEqual(['stopping force', 'camp_part1 stopped', 'camp_part2 stopped']);
    await clock.sleep(3_600_000);
    for (const task of adapter.tasks) expect(adapter.statusOf(task).state).toBe('stopped');
    const devices = await collect(campaignResults('s', { adapter, store, clock }));
    expect(devices).toHaveLength(60);
    expect(devices.filter((device) => device.state === 'stopped').length).toBeGreaterThan(0);
    expect(devices.filter((device) => device.state === 'notCreated')).toHaveLength(40);
    const resumed = await resumeCampaign('s', { adapter, clock, store }).result;
    expect(resumed.status).toBe('stopped');
    expect(adapter.tasks).toHaveLength(2);
    expect(resumed.tasks.slice(0, 2).map((task) => task.state)).toEqual(['stopped', 'stopped']);
    expect((await readCampaignStatus('s', { store })).state).toBe('stopped');
  });

  it('where the platform has no stop call, says so per task and claims no stop: the tasks run to their end', async () => {
    const { clock, adapter, store } = setup(false);
    const stop = new AbortController();
    const run = runCampaign(deviceCampaign(60), {
      adapter,
      clock,
      store,
      campaignId: 'l',
      signal: stop.signal,
    });
    run.on('task-created', (event) => {
      if (event.index === 1) stop.abort();
    });
    await run.result;
    const result = await stopCampaign('l', { store, adapter, clock, mode: 'force' });
    expect(result.stoppedRun).toBe(false);
    expect(result.calls).toBe(0);
    expect(result.tasks.map((task) => [task.outcome, task.error?.code])).toEqual([
      ['unsupported', 'FLEETCAST_STOP_UNSUPPORTED'],
      ['unsupported', 'FLEETCAST_STOP_UNSUPPORTED'],
    ]);
    // The cancelled run never read the whole plan: how many tasks it has is not known.
    expect(result.tasksNotCreated).toBeUndefined();
    const resumed = await resumeCampaign('l', { adapter, clock, store }).result;
    expect(resumed.status).toBe('stopped');
    expect(adapter.tasks).toHaveLength(2);
    expect(resumed.tasks.slice(0, 2).map((task) => task.state)).toEqual(['succeeded', 'succeeded']);
  });

  it('soft: no platform call; the journaled stop makes a later resume create nothing', async () => {
    const { clock, adapter, store } = setup(true);
    const stop = new AbortController();
    const run = runCampaign(deviceCampaign(40), {
      adapter,
      clock,
      store,
      campaignId: 'soft',
      signal: stop.signal,
    });
    run.on('task-created', () => stop.abort());
    await run.result;
    const calls = adapter.calls.length;
    const result = await stopCampaign('soft', { store, mode: 'soft' });
    expect(result).toMatchObject({ mode: 'soft', tasks: [], calls: 0 });
    expect(adapter.calls.length).toBe(calls);
    const resumed = await resumeCampaign('soft', { adapter, clock, store }).result;
    expect(resumed.status).toBe('stopped');
    expect(adapter.tasks.length).toBeLessThanOrEqual(2);
    expect(resumed.totals.notCreated).toBeGreaterThanOrEqual(20);
  });

  it('refuses a mode it does not know, naming the option', async () => {
    await expect(
      stopCampaign('x', { store: new MemoryCampaignStore(), mode: 'hard' as 'soft' }),
    ).rejects.toThrow(/mode: "hard" is not allowed/);
  });
});
