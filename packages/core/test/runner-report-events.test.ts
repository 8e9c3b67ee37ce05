import { describe, expect, it } from 'vitest';
import {
  type CampaignEvents,
  createVirtualClock,
  MemoryCampaignStore,
  minimumDuration,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../src/testing/index.js';
import { campaignEventNames as eventNames, deviceCampaign } from './__test-helpers__/runner-test-kit.js';

function setup(options: MemoryAdapterOptions) {
  const clock = createVirtualClock();
  const adapter = createMemoryAdapter({
    clock,
    ...options,
    capabilities: { maxTargetsPerTask: 10, ...options.capabilities },
  });
  return { clock, adapter, store: new MemoryCampaignStore() };
}

describe('events', () => {
  it('emits every event of issue 5 with the payload the docs list, in a sensible order', async () => {
    let creates = -1;
    const { clock, adapter, store } = setup({
      // The run's first create answers 500 without committing: a retry after a look-up.
      fault: (route) => (route === 'create' && creates++ === 0 ? { type: 'server' } : undefined),
    });
    const campaign = deviceCampaign(25);
    // A foreign task (the call before the run's first) already holds the second task's name: it fails.
    await adapter.doCreateTask({
      task: { kind: 'native', name: 'camp_part2', index: 0, target: { type: 'Broadcast' } },
      operation: campaign.operation,
      policy: campaign.policy,
    });
    const run = runCampaign(campaign, {
      adapter,
      clock,
      store,
      campaignId: 'events',
      concurrency: 1,
      retry: { random: () => 0.5 },
    });
    const seen: { name: keyof CampaignEvents; event: Record<string, unknown> }[] = [];
    for (const name of eventNames)
      run.on(name, (event: object) => {
        seen.push({ name, event: event as Record<string, unknown> });
      });
    const report = await run.result;
    const of = (name: keyof CampaignEvents) =>
      seen.filter((entry) => entry.name === name).map((entry) => entry.event);

    for (const name of eventNames) expect(of(name).length, name).toBeGreaterThan(0);
    for (const { event } of seen)
      expect(event).toMatchObject({ campaignId: 'events', at: expect.any(Number) });
    const times = seen.map(({ event }) => event.at as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    expect(of('plan-ready')).toEqual([
      {
        campaignId: 'events',
        at: expect.any(Number),
        tasks: 3,
        explicitTasks: 3,
        nativeTasks: 0,
        explicitTargets: 25,
      },
    ]);
    expect(of('task-creating')[0]).toEqual({
      campaignId: 'events',
      at: expect.any(Number),
      index: 0,
      name: 'camp_part1',
      kind: 'explicit',
      targets: 10,
      attempt: 1,
    });
    expect(of('task-creating').map((event) => `${event.index}/${event.attempt}`)).toEqual([
      '0/1',
      '0/2',
      '1/1',
      '2/1',
    ]);
    expect(of('task-retrying')).toEqual([
      {
        campaignId: 'events',
        at: expect.any(Number),
        index: 0,
        name: 'camp_part1',
        call: 'create',
        retry: 1,
        delayMs: 250,
        reason: 'server',
        message: expect.any(String),
      },
    ]);
    expect(of('task-created').map(({ index, via, taskId }) => ({ index, via, taskId }))).toEqual([
      { index: 0, via: 'create', taskId: report.tasks[0]?.taskId },
      { index: 2, via: 'create', taskId: report.tasks[2]?.taskId },
    ]);
    expect(of('task-failed')).toEqual([
      {
        campaignId: 'events',
        at: expect.any(Number),
        index: 1,
        name: 'camp_part2',
        state: 'createFailed',
        code: 'FLEETCAST_PLATFORM_NAMEEXISTS',
        kind: 'nameExists',
        message: expect.any(String),
      },
    ]);
    // Task 0 was created last (its retry waited for the look-up), so finish order is not plan order.
    const finals = of('task-progress')
      .filter((event) => event.terminal === true)
      .sort((a, b) => (a.index as number) - (b.index as number));
    expect(finals.map(({ index, state, progress }) => ({ index, state, progress }))).toEqual([
      { index: 0, state: 'succeeded', progress: 1 },
      { index: 2, state: 'succeeded', progress: 1 },
    ]);
    expect(finals[1]?.counts).toEqual(report.tasks[2]?.counts);
    expect(of('campaign-progress').at(-1)).toEqual({
      campaignId: 'events',
      at: expect.any(Number),
      tasksPlanned: 3,
      planComplete: true,
      tasksCreated: 2,
      tasksTerminal: 3,
      tasksFailed: 1,
      devices: report.totals,
      apiCalls: report.apiCalls.total,
      throttles: 0,
      elapsedMs: report.wallTimeMs,
    });
    expect(seen.at(-1)).toEqual({
      name: 'campaign-finished',
      event: { campaignId: 'events', at: expect.any(Number), report },
    });
  });
});

describe('the report', () => {
  it('counts API calls by kind with their total, retries and throttles', async () => {
    let creates = 0;
    const { clock, adapter, store } = setup({
      fault: (route) =>
        route === 'create' && creates++ < 2 ? { type: creates === 1 ? 'throttled' : 'network' } : undefined,
    });
    const report = await runCampaign(deviceCampaign(25), { adapter, clock, store }).result;
    const { create, poll, find, total } = report.apiCalls;
    // Throttled, then dropped (looked up, absent), then created; two more tasks.
    expect({ create, find }).toEqual({ create: 5, find: 1 });
    expect(poll).toBe(adapter.calls.filter((call) => call.route === 'get').length);
    expect(total).toBe(create + poll + find);
    expect(total).toBe(adapter.calls.length);
    expect(report.throttles).toBe(1);
    expect(report.retries).toBe(2);
  });

  it('puts minimumDuration beside the wall time, at the working limit the platform taught it', async () => {
    // The adapter cannot say its limit; the platform allows 1 unfinished task: 5 tasks of 120 s in a row.
    const { clock, adapter, store } = setup({
      capabilities: { maxUnfinishedTasks: 'unknown' },
      enforcedMaxUnfinishedTasks: 1,
      unfinishedTaskPolicy: 'reject',
      taskDurationMs: 120_000,
    });
    const report = await runCampaign(deviceCampaign(45), {
      adapter,
      clock,
      store,
      taskDurationMs: 120_000,
    }).result;
    expect(report.tasks).toHaveLength(5);
    expect(report.minimumDurationMs).toBe(
      minimumDuration({ createCalls: 5 }, { maxUnfinishedTasks: 1, taskDurationMs: 120_000 }),
    );
    expect(report.minimumDurationMs).toBe(600_000);
    expect(report.wallTimeMs).toBeGreaterThanOrEqual(report.minimumDurationMs as number);
  });

  it('without taskDurationMs, uses the mean task duration it observed', async () => {
    const { clock, adapter, store } = setup({ taskDurationMs: 60_000 });
    const report = await runCampaign(deviceCampaign(25), { adapter, clock, store }).result;
    // Three 60 s tasks side by side; each seen finished within one 2 s poll interval.
    expect(report.minimumDurationMs).toBeGreaterThanOrEqual(60_000);
    expect(report.minimumDurationMs).toBeLessThanOrEqual(62_000);
    expect(report.wallTimeMs).toBeGreaterThanOrEqual(report.minimumDurationMs as number);
  });
});

describe('retries', () => {
  it('gives up after maxAttempts create calls, each retry after a jittered back-off under its ceiling', async () => {
    const { clock, adapter, store } = setup({
      fault: (route) => (route === 'create' ? { type: 'server' } : undefined),
    });
    const run = runCampaign(deviceCampaign(5), {
      adapter,
      clock,
      store,
      ambiguousSettleMs: 0,
      retry: { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 3_000, random: () => 0.999 },
    });
    const delays: number[] = [];
    run.on('task-retrying', (event) => delays.push(event.delayMs));
    const report = await run.result;
    // Ceilings 1 s, 2 s, then the 3 s cap; the draw (0.999) lands just below each.
    expect(delays).toEqual([999, 1_998, 2_997]);
    expect(report.apiCalls.create).toBe(4);
    // A 500 may have committed: asked by name before each new create and once more before giving up.
    expect(report.apiCalls.find).toBe(4);
    expect(adapter.tasks).toEqual([]);
    expect(report.tasks[0]).toMatchObject({
      created: false,
      state: 'createFailed',
      error: { kind: 'server' },
    });
    expect(report.status).toBe('completed');
  });
});
