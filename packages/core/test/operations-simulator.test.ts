import {
  campaignResults,
  type DeviceResult,
  MemoryCampaignStore,
  retryCampaign,
  runCampaign,
  scaledClock,
  stopCampaign,
} from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetCampaign, simulatorAdapter } from './__test-helpers__/runner-simulator-kit.js';

const timeScale = 2_000;
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    devices: 600,
    seed: 31,
    timeScale,
    failureProbability: 0.3,
    timeoutProbability: 0,
    deviceRatePerSecond: 50,
  });
});
afterAll(() => sim.close());

async function collect(results: AsyncIterable<DeviceResult>): Promise<DeviceResult[]> {
  const all: DeviceResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

describe('operations against the simulator with the real adapters', () => {
  it('legacy: results list exactly the platform’s subtasks; failed devices retried in a new task <task>_r1 (no retry call) turn into successes; an unknown campaign is CampaignNotFoundError', async () => {
    sim.configure({ failureProbability: 0.3 });
    const adapter = simulatorAdapter(sim, 'legacy');
    const clock = scaledClock(sim.clock);
    const store = new MemoryCampaignStore();
    const campaign = fleetCampaign(sim, 150, 'ops_legacy');
    await runCampaign(campaign, { adapter, clock, store, campaignId: 'legacy' }).result;
    const results = await collect(campaignResults('legacy', { adapter, store, clock }));
    const task = sim.tasks({ api: 'legacy' }).find((candidate) => candidate.taskName === 'ops_legacy');
    const onPlatform = new Map(task!.subtasks().map((subtask) => [subtask.target, subtask.state]));
    expect(results.map((result) => result.deviceId).sort()).toEqual([...onPlatform.keys()].sort());
    const failed = results.filter((result) => result.state === 'failed').map((result) => result.deviceId);
    expect(failed.sort()).toEqual(
      [...onPlatform]
        .filter(([, state]) => state === 'fail')
        .map(([id]) => id)
        .sort(),
    );
    expect(failed.length).toBeGreaterThan(0);

    const stop = await stopCampaign('legacy', { store: new MemoryCampaignStore(), mode: 'soft' }).catch(
      (error) => error,
    );
    expect(stop).toMatchObject({ code: 'FLEETCAST_CAMPAIGN_NOT_FOUND' });

    sim.configure({ failureProbability: 0 });
    const retry = await retryCampaign('legacy', { adapter, clock, store, what: 'failedDevices' });
    expect(retry.retryTasks.map((entry) => entry.name)).toEqual(['ops_legacy_r1']);
    await retry.run.result;
    const after = await collect(campaignResults('legacy', { adapter, store, clock }));
    expect(after).toHaveLength(150);
    expect(after.every((result) => result.state === 'succeeded')).toBe(true);
    const retried = sim.tasks({ api: 'legacy' }).find((candidate) => candidate.taskName === 'ops_legacy_r1');
    expect([...retried!.targets].sort()).toEqual(failed.sort());

    const force = await stopCampaign('legacy', { store, adapter, clock, mode: 'force' });
    expect(force.tasks.every((entry) => entry.outcome === 'finished')).toBe(true);
  });

  it('v5 upgrade: failed devices retried by the platform on the same task; force stop stops a running task', async () => {
    sim.configure({ failureProbability: 0.3 });
    const adapter = simulatorAdapter(sim, 'v5');
    const clock = scaledClock(sim.clock);
    const store = new MemoryCampaignStore();
    const deviceIds = Array.from({ length: 250 }, (_, index) => sim.fleet.deviceId(100 + index));
    await runCampaign(
      {
        name: 'ops_v5_fw',
        target: { type: 'DeviceList', deviceIds },
        operation: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
      },
      { adapter, clock, store, campaignId: 'v5fw' },
    ).result;
    const failed = (await collect(campaignResults('v5fw', { adapter, store, clock, states: ['failed'] })))
      .length;
    expect(failed).toBeGreaterThan(0);
    sim.configure({ failureProbability: 0 });
    const retry = await retryCampaign('v5fw', { adapter, clock, store, what: 'failedDevices' });
    expect(retry.retryTasks).toEqual([]);
    expect(retry.platformRetried.reduce((sum, entry) => sum + entry.devices, 0)).toBe(failed);
    const retryCalls = sim.requests().filter((entry) => entry.route === 'v5.retryTask').length;
    expect(retryCalls).toBe(Math.ceil(failed / 100));
    const report = await retry.run.result;
    expect(report.totals).toMatchObject({ targeted: 250, succeeded: 250 });
    expect(sim.tasks({ api: 'v5' }).filter((task) => task.taskName.startsWith('ops_v5_fw'))).toHaveLength(1);

    // A long task, force-stopped while it runs: its unfinished devices stop and stay stopped.
    sim.configure({ deviceRatePerSecond: 0.05 });
    const running = new MemoryCampaignStore();
    const run = runCampaign(
      {
        name: 'ops_v5_stop',
        target: { type: 'DeviceList', deviceIds: deviceIds.slice(0, 20) },
        operation: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
      },
      { adapter, clock, store: running, campaignId: 'v5stop' },
    );
    let stopping: ReturnType<typeof stopCampaign> | undefined;
    run.on('task-created', () => {
      stopping = stopCampaign('v5stop', { store: running, adapter, clock, mode: 'force' });
    });
    const stoppedReport = await run.result;
    const result = await (stopping as ReturnType<typeof stopCampaign>);
    expect(stoppedReport.status).toBe('stopped');
    expect(result.tasks.map((entry) => entry.outcome)).toEqual(['stopped']);
    await clock.sleep(120_000);
    const devices = await collect(campaignResults('v5stop', { adapter, store: running, clock }));
    expect(devices.filter((device) => device.state === 'stopped').length).toBeGreaterThan(0);
    expect(devices.every((device) => device.state === 'stopped' || device.state === 'succeeded')).toBe(true);
    sim.configure({ deviceRatePerSecond: 50 });
  });
});
