import { describe, expect, it } from 'vitest';
import {
  campaignResults,
  createVirtualClock,
  type DeviceResult,
  MemoryCampaignStore,
  readCampaignStatus,
  retryCampaign,
  retryTaskName,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter, type MemoryAdapterOptions, type MemoryFault } from '../src/testing/index.js';
import { v5TaskNameRule } from '../src/validation/__test-helpers__/platform-task-name-rules.js';
import { deviceCampaign } from './__test-helpers__/runner-test-kit.js';

async function collect(results: AsyncIterable<DeviceResult>): Promise<DeviceResult[]> {
  const all: DeviceResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

/** Devices d…3 and d…7 fail their first run, d…7 its second too; everything else succeeds. */
const flaky: MemoryAdapterOptions['deviceOutcome'] = (id, attempt) =>
  (id.endsWith('3') && attempt === 1) || (id.endsWith('7') && attempt <= 2) ? 'failed' : 'succeeded';

function setup(options: MemoryAdapterOptions = {}) {
  const clock = createVirtualClock();
  const adapter = createMemoryAdapter({
    clock,
    capabilities: { maxTargetsPerTask: 10 },
    deviceOutcome: flaky,
    trackRunsAcrossTasks: true,
    ...options,
  });
  return { clock, adapter, store: new MemoryCampaignStore() };
}

describe('retryCampaign', () => {
  it('failedDevices without a platform retry call: new tasks <task>_r1 of just the failed devices; bounded by maxRetries', async () => {
    const { clock, adapter, store } = setup();
    await runCampaign(deviceCampaign(40), { adapter, clock, store, campaignId: 'f' }).result;
    const failedBefore = (
      await collect(campaignResults('f', { adapter, store, clock, states: ['failed'] }))
    ).map((device) => device.deviceId);
    expect(failedBefore.sort()).toEqual(['d13', 'd17', 'd23', 'd27', 'd3', 'd33', 'd37', 'd7']);

    const retry = await retryCampaign('f', { adapter, store, clock, what: 'failedDevices' });
    const started: unknown[] = [];
    retry.run.on('retry-started', (event) => started.push(event));
    const report = await retry.run.result;
    expect(report.status).toBe('completed');
    expect(retry.retryTasks.map((task) => task.name)).toEqual([
      'camp_part1_r1',
      'camp_part2_r1',
      'camp_part3_r1',
      'camp_part4_r1',
    ]);
    expect(started).toHaveLength(1);
    const retryTasks = adapter.tasks.filter((task) => task.name.includes('_r'));
    // Only failed devices were retried, never one that succeeded.
    expect(retryTasks.flatMap((task) => task.deviceIds ?? []).sort()).toEqual(failedBefore.sort());

    const after = await collect(campaignResults('f', { adapter, store, clock }));
    expect(after).toHaveLength(40);
    expect(new Set(after.map((device) => device.deviceId)).size).toBe(40);
    expect(
      after
        .filter((device) => device.state === 'failed')
        .map((device) => device.deviceId)
        .sort(),
    ).toEqual(['d17', 'd27', 'd37', 'd7']);
    expect(after.find((device) => device.deviceId === 'd3')).toMatchObject({
      state: 'succeeded',
      attempts: 2,
      name: 'camp_part1_r1',
    });
    expect(report.totals).toMatchObject({ targeted: 40, succeeded: 36, failed: 4 });
    expect((await readCampaignStatus('f', { store })).totals).toMatchObject({ succeeded: 36, failed: 4 });

    // maxRetries 1 is spent: nothing more is retried.
    const again = await retryCampaign('f', { adapter, store, clock, what: 'failedDevices' });
    await again.run.result;
    expect(again.exhausted).toBe(4);
    expect(again.retryTasks).toEqual([]);
    // With 2 the rest gets a second round, named _r2, and still fails (d…7 fails twice, succeeds on the third run).
    const second = await retryCampaign('f', { adapter, store, clock, what: 'failedDevices', maxRetries: 2 });
    await second.run.result;
    expect(second.retryTasks.map((task) => task.name)).toEqual([
      'camp_part1_r2',
      'camp_part2_r2',
      'camp_part3_r2',
      'camp_part4_r2',
    ]);
    const final = await collect(campaignResults('f', { adapter, store, clock }));
    expect(final.filter((device) => device.state === 'succeeded')).toHaveLength(40);
    expect(new Set(adapter.tasks.map((task) => task.name)).size).toBe(adapter.tasks.length);
  });

  it('failedDevices with the platform retry call: batches of at most 100 IDs on the same task, no new task', async () => {
    const { clock, adapter, store } = setup({
      capabilities: { maxTargetsPerTask: 1000 },
      taskActions: { retry: ['command'] },
    });
    await runCampaign(deviceCampaign(2500), { adapter, clock, store, campaignId: 'p' }).result;
    const retry = await retryCampaign('p', { adapter, store, clock, what: 'failedDevices' });
    const report = await retry.run.result;
    expect(retry.retryTasks).toEqual([]);
    expect(adapter.tasks).toHaveLength(3);
    expect(retry.platformRetried.reduce((sum, entry) => sum + entry.devices, 0)).toBe(500);
    // 200, 200 and 100 failed devices in the three tasks: 2 + 2 + 1 calls of at most 100 IDs.
    expect(adapter.calls.filter((call) => call.route === 'retry')).toHaveLength(5);
    expect(report.totals).toMatchObject({ succeeded: 2250, failed: 250 });
    const devices = await collect(campaignResults('p', { adapter, store, clock }));
    expect(devices.find((device) => device.deviceId === 'd3')).toMatchObject({
      state: 'succeeded',
      attempts: 2,
    });
  });

  it('createFailed: a refused task is created again under its own name, once', async () => {
    let creates = 0;
    const { clock, adapter, store } = setup({
      fault: (route) => {
        if (route !== 'create') return undefined;
        creates += 1;
        return creates === 2 ? ({ type: 'invalidInput' } as MemoryFault) : undefined;
      },
    });
    const first = await runCampaign(deviceCampaign(30), { adapter, clock, store, campaignId: 'c' }).result;
    expect(first.tasks.map((task) => task.state)).toEqual([
      'partiallySucceeded',
      'createFailed',
      'partiallySucceeded',
    ]);
    const retry = await retryCampaign('c', { adapter, store, clock, what: 'createFailed' });
    expect(retry.reopened.map((task) => task.name)).toEqual(['camp_part2']);
    const report = await retry.run.result;
    expect(report.tasks.map((task) => task.state)).toEqual([
      'partiallySucceeded',
      'partiallySucceeded',
      'partiallySucceeded',
    ]);
    expect(adapter.tasks.map((task) => task.name).sort()).toEqual(['camp_part1', 'camp_part2', 'camp_part3']);
  });

  it('retry task names keep the suffix within the platform’s name rule', () => {
    const long = 'x'.repeat(200);
    const name = retryTaskName(long, 12, v5TaskNameRule);
    expect(name.length).toBe(v5TaskNameRule.maxLength);
    expect(name.endsWith('_r12')).toBe(true);
  });
});
