import { describe, expect, it } from 'vitest';
import {
  createVirtualClock,
  MemoryCampaignStore,
  type PlanSource,
  resumeCampaign,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter, type MemoryAdapterOptions, type MemoryFault } from '../src/testing/index.js';
import { checkInvariants, deviceCampaign, loggingStore } from './__test-helpers__/runner-test-kit.js';

/** Faults for the first create calls only, in order. */
function firstCreates(...faults: MemoryFault['type'][]): MemoryAdapterOptions['fault'] {
  let creates = 0;
  return (route) => {
    if (route !== 'create') return undefined;
    const type = faults[creates++];
    return type === undefined ? undefined : ({ type } as MemoryFault);
  };
}

function setup(options: MemoryAdapterOptions, devices = 25) {
  const clock = createVirtualClock();
  const adapter = createMemoryAdapter({
    clock,
    ...options,
    capabilities: { maxTargetsPerTask: 10, ...options.capabilities },
  });
  const store = new MemoryCampaignStore();
  const campaign = deviceCampaign(devices);
  return { clock, adapter, store, campaign, devices };
}

describe('exactly-once create', () => {
  it('after commit-then-drop, finds the task by name instead of creating it again', async () => {
    const { clock, adapter, store, campaign, devices } = setup({ fault: firstCreates('commitThenDrop') });
    const run = runCampaign(campaign, { adapter, clock, store, retry: { random: () => 0.5 } });
    const vias: string[] = [];
    run.on('task-created', (event) => vias.push(`${event.index} ${event.via}`));
    const report = await run.result;
    expect(adapter.tasks.map((task) => task.name).sort()).toEqual(['camp_part1', 'camp_part2', 'camp_part3']);
    expect(vias.sort()).toEqual(['0 lookup', '1 create', '2 create']);
    expect(report.apiCalls.find).toBe(1);
    expect(report.tasks.every((task) => task.state === 'succeeded')).toBe(true);
    expect(checkInvariants(adapter, report, devices)).toEqual([]);
  });

  it('after a 5xx that did not commit, looks up, finds nothing, and creates once', async () => {
    const { clock, adapter, store, campaign, devices } = setup({ fault: firstCreates('server', 'network') });
    const report = await runCampaign(campaign, { adapter, clock, store }).result;
    expect(adapter.tasks).toHaveLength(3);
    expect(report.apiCalls).toMatchObject({ create: 5, find: 2 });
    expect(report.retries).toBe(2);
    expect(checkInvariants(adapter, report, devices)).toEqual([]);
  });

  it('without look-up but with duplicate refusal, reads "name exists" on the retry as "already created"', async () => {
    const { clock, adapter, store, campaign, devices } = setup({
      capabilities: { findTaskByName: false, rejectsDuplicateNames: true },
      fault: firstCreates('commitThenDrop'),
    });
    const report = await runCampaign(campaign, { adapter, clock, store }).result;
    expect(adapter.tasks).toHaveLength(3);
    const first = report.tasks[0];
    // It exists (the platform said so) but without its ID it cannot be followed.
    expect(first).toMatchObject({ name: 'camp_part1', created: true, state: 'unknown' });
    expect(first?.taskId).toBeUndefined();
    expect(report.totals.unknown).toBe(10);
    expect(checkInvariants(adapter, report, devices)).toEqual([]);
  });

  it('where the platform can neither be asked nor refuses duplicates, reports unknown and never creates twice', async () => {
    const { clock, adapter, store, campaign } = setup({
      capabilities: { findTaskByName: false, rejectsDuplicateNames: false },
      fault: firstCreates('commitThenDrop'),
    });
    const run = runCampaign(campaign, { adapter, clock, store });
    const failed: string[] = [];
    run.on('task-failed', (event) => failed.push(`${event.name} ${event.state}`));
    const report = await run.result;
    expect(adapter.tasks.filter((task) => task.name === 'camp_part1')).toHaveLength(1);
    expect(report.tasks[0]).toMatchObject({
      created: 'unknown',
      state: 'unknown',
      error: { code: 'FLEETCAST_TASK_UNKNOWN' },
    });
    expect(failed).toEqual(['camp_part1 unknown']);
  });

  it('fails a task whose name a foreign task already holds, and keeps going', async () => {
    const { clock, adapter, store, campaign } = setup({});
    await adapter.doCreateTask({
      task: { kind: 'native', name: 'camp_part2', index: 0, target: { type: 'Broadcast' } },
      operation: campaign.operation,
      policy: campaign.policy,
    });
    const report = await runCampaign(campaign, { adapter, clock, store }).result;
    expect(report.tasks.map((task) => task.state)).toEqual(['succeeded', 'createFailed', 'succeeded']);
    expect(report.tasks[1]?.error).toMatchObject({
      kind: 'nameExists',
      code: 'FLEETCAST_PLATFORM_NAMEEXISTS',
    });
    expect(report.totals.failed).toBe(10);
  });

  it("with onTaskError 'abort', stops creating after the first refused task", async () => {
    const { clock, adapter, store, campaign } = setup({ capabilities: { maxUnfinishedTasks: 1 } });
    await adapter.doCreateTask({
      task: { kind: 'native', name: 'camp_part1', index: 0, target: { type: 'Broadcast' } },
      operation: campaign.operation,
      policy: campaign.policy,
    });
    const report = await runCampaign(campaign, { adapter, clock, store, onTaskError: 'abort' }).result;
    expect(report.status).toBe('aborted');
    expect(report.tasks[0]?.state).toBe('createFailed');
    expect(adapter.tasks).toHaveLength(1);
  });

  it('journals the intent before every create call and the outcome before announcing it', async () => {
    const timeline: string[] = [];
    const { clock, adapter, campaign } = setup({ fault: firstCreates('throttled') }, 15);
    const store = loggingStore(new MemoryCampaignStore(), timeline);
    const original = adapter.doCreateTask.bind(adapter);
    adapter.doCreateTask = async (options) => {
      const { task } = options;
      timeline.push(`call ${task.index}`);
      return original(options);
    };
    const run = runCampaign(campaign, { adapter, clock, store, concurrency: 1 });
    run.on('task-created', (event) => timeline.push(`event created ${event.index}`));
    await run.result;
    const creation = timeline.filter(
      (entry) => !entry.includes('finished') && !entry.includes('campaign') && !entry.includes('plan'),
    );
    expect(creation).toEqual([
      'journal task-intent 0',
      'call 0',
      'journal task-intent 0',
      'call 0',
      'journal task-created 0',
      'event created 0',
      'journal task-intent 1',
      'call 1',
      'journal task-created 1',
      'event created 1',
    ]);
  });
});

describe('a create the platform commits late', () => {
  /** The first create times out at once on the client; the platform commits it `lateMs` later. */
  function lateFirstCreate(lateMs: number): MemoryAdapterOptions['fault'] {
    let creates = 0;
    return (route) =>
      route === 'create' && creates++ === 0 ? { type: 'lateCommit', ms: lateMs } : undefined;
  }
  // Platforms like v5: tasks can be looked up by name, duplicate names are accepted.
  const lookupOnly = { findTaskByName: true, rejectsDuplicateNames: false } as const;

  it('waits ambiguousSettleMs (default 30 s) after the intent before looking up, and finds the late task', async () => {
    const { clock, adapter, store, campaign, devices } = setup({
      capabilities: lookupOnly,
      fault: lateFirstCreate(20_000),
    });
    const run = runCampaign(campaign, { adapter, clock, store, concurrency: 1, retry: { random: () => 0 } });
    const times: Record<string, number> = {};
    run.on('task-creating', (event) => {
      if (event.index === 0) times.intent ??= event.at;
    });
    run.on('task-created', (event) => {
      if (event.index === 0) times.created = event.at;
    });
    const report = await run.result;
    expect(adapter.tasks.map((task) => task.name).sort()).toEqual(['camp_part1', 'camp_part2', 'camp_part3']);
    expect(report.tasks[0]).toMatchObject({ created: true, taskId: adapter.tasks[0]?.taskId });
    expect(report.apiCalls.find).toBe(1);
    // The look-up was made no earlier than 30 s after the create was sent.
    expect((times.created as number) - (times.intent as number)).toBeGreaterThanOrEqual(30_000);
    expect(checkInvariants(adapter, report, devices)).toEqual([]);
  });

  it('without the wait (ambiguousSettleMs 0) the same late commit makes a duplicate: the wait is what prevents it', async () => {
    const { clock, adapter, store, campaign } = setup({
      capabilities: lookupOnly,
      fault: lateFirstCreate(20_000),
    });
    await runCampaign(campaign, {
      adapter,
      clock,
      store,
      concurrency: 1,
      ambiguousSettleMs: 0,
      retry: { random: () => 0, baseDelayMs: 100 },
    }).result;
    expect(adapter.tasks.filter((task) => task.name === 'camp_part1')).toHaveLength(2);
  });

  it('a custom ambiguousSettleMs longer than the commit delay holds as well, and a bad one is refused', async () => {
    const { clock, adapter, store, campaign, devices } = setup({
      capabilities: lookupOnly,
      fault: lateFirstCreate(50_000),
    });
    const report = await runCampaign(campaign, { adapter, clock, store, ambiguousSettleMs: 60_000 }).result;
    expect(adapter.tasks).toHaveLength(3);
    expect(checkInvariants(adapter, report, devices)).toEqual([]);
    expect(() => runCampaign(campaign, { adapter, clock, ambiguousSettleMs: -1 })).toThrow(
      'ambiguousSettleMs: -1 is not allowed (an integer from 0 to 3600000)',
    );
  });
});

describe('resume', () => {
  it('looks up a task whose intent was journaled without an outcome, then finishes the rest', async () => {
    const { clock, adapter, store, campaign, devices } = setup({});
    // A process that journaled an intent, created the task, and died before journaling the outcome.
    await store.append('c1', {
      type: 'campaign-started',
      journalVersion: 1,
      campaignId: 'c1',
      campaign,
      adapter: 'memory',
      at: 0,
    });
    await store.append('c1', { type: 'task-intent', index: 0, name: 'camp_part1', attempt: 1, at: 0 });
    const plan = {
      kind: 'explicit' as const,
      name: 'camp_part1',
      index: 0,
      deviceIds: Array.from({ length: 10 }, (_, i) => `d${i}`),
    };
    await adapter.doCreateTask({ task: plan, operation: campaign.operation, policy: campaign.policy });
    const run = resumeCampaign('c1', { adapter, clock, store });
    const vias: string[] = [];
    run.on('task-created', (event) => vias.push(`${event.index} ${event.via}`));
    const report = await run.result;
    expect(report.resumed).toBe(true);
    expect(vias.sort()).toEqual(['0 lookup', '1 create', '2 create']);
    expect(checkInvariants(adapter, report, devices)).toEqual([]);
  });

  it('refuses an unknown campaign and a different adapter with typed errors', async () => {
    const { clock, adapter, store, campaign } = setup({});
    await expect(resumeCampaign('nope', { adapter, clock, store }).result).rejects.toMatchObject({
      code: 'FLEETCAST_CAMPAIGN_NOT_FOUND',
    });
    await store.append('c2', {
      type: 'campaign-started',
      journalVersion: 1,
      campaignId: 'c2',
      campaign,
      adapter: 'v5',
      at: 0,
    });
    await expect(resumeCampaign('c2', { adapter, clock, store }).result).rejects.toMatchObject({
      code: 'FLEETCAST_RESUME_MISMATCH',
      message: 'campaign "c2" cannot be resumed: it was started with adapter "v5", not "memory"',
    });
  });

  it('after cancellation, leaves no task created but unrecorded, and a resume completes the campaign', async () => {
    const { clock, adapter, store, campaign, devices } = setup(
      { capabilities: { maxUnfinishedTasks: 1 } },
      35,
    );
    const controller = new AbortController();
    const run = runCampaign(campaign, { adapter, clock, store, signal: controller.signal, campaignId: 'cx' });
    run.on('task-creating', (event) => {
      if (event.index === 1) controller.abort();
    });
    const report = await run.result;
    expect(report.status).toBe('cancelled');
    // Task 1's create was in flight when the signal fired: it ran to its answer and was recorded.
    expect(adapter.tasks.map((task) => task.name)).toEqual(['camp_part1', 'camp_part2']);
    expect(report.tasks.filter((task) => task.created === true).map((task) => task.name)).toEqual([
      'camp_part1',
      'camp_part2',
    ]);
    const resumed = await resumeCampaign('cx', { adapter, clock, store }).result;
    expect(resumed.status).toBe('completed');
    expect(resumed.tasks.map((task) => task.state)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(checkInvariants(adapter, resumed, devices)).toEqual([]);
  });
});

describe('limits', () => {
  it('lowers the working limit on taskLimit and waits for a running task instead of failing', async () => {
    const { clock, adapter, store, campaign, devices } = setup(
      {
        capabilities: { maxUnfinishedTasks: 'unknown' },
        enforcedMaxUnfinishedTasks: 1,
        unfinishedTaskPolicy: 'reject',
        taskDurationMs: 120_000,
      },
      45,
    );
    const report = await runCampaign(campaign, { adapter, clock, store }).result;
    expect(report.tasks.every((task) => task.state === 'succeeded')).toBe(true);
    // One refusal taught the runner the limit; after that it never asked too early again.
    expect(adapter.calls.filter((call) => call.outcome === 'taskLimit')).toHaveLength(1);
    expect(checkInvariants(adapter, report, devices)).toEqual([]);
    // 5 tasks one after another, each 120 s.
    expect(report.wallTimeMs).toBeGreaterThanOrEqual(600_000);
  });

  it('never meets a throttle of its own making, even with many tasks to poll', async () => {
    const { clock, adapter, store, campaign } = setup(
      { capabilities: { rateLimitPerMinute: 20, maxTargetsPerTask: 2 }, taskDurationMs: 600_000 },
      60,
    );
    const report = await runCampaign(campaign, { adapter, clock, store }).result;
    expect(report.throttles).toBe(0);
    expect(adapter.calls.some((call) => call.outcome === 'throttled')).toBe(false);
    expect(report.tasks).toHaveLength(30);
    expect(report.tasks.every((task) => task.state === 'succeeded')).toBe(true);
  });

  it('waits out throttles caused by another client and still creates each task once', async () => {
    const { clock, adapter, store, campaign, devices } = setup({ enforcedRateLimitPerMinute: 3 }, 60);
    const report = await runCampaign(campaign, { adapter, clock, store }).result;
    expect(report.throttles).toBeGreaterThan(0);
    expect(checkInvariants(adapter, report, devices)).toEqual([]);
    expect(report.tasks.every((task) => task.state === 'succeeded')).toBe(true);
  });
});

describe('streaming', () => {
  it('holds at most concurrency + 1 planned tasks (and their IDs) that are not created yet', async () => {
    const { clock, adapter, store, campaign } = setup({
      capabilities: { maxUnfinishedTasks: 3 },
      taskDurationMs: 30_000,
    });
    let yielded = 0;
    let settled = 0;
    let mostInHand = 0;
    const plan: PlanSource = async function* () {
      for (let index = 0; index < 40; index++) {
        yielded += 1;
        mostInHand = Math.max(mostInHand, yielded - settled);
        yield { kind: 'explicit', name: `camp_part${index + 1}`, index, deviceIds: [`d${index}`] };
      }
    };
    const run = runCampaign(campaign, { adapter, clock, store, plan, concurrency: 2 });
    run.on('task-created', () => {
      settled += 1;
    });
    const report = await run.result;
    expect(report.tasks).toHaveLength(40);
    expect(mostInHand).toBeLessThanOrEqual(3);
  });
});

describe('store failures', () => {
  it('rejects the run when the journal cannot be written, instead of acting on unrecorded state', async () => {
    const { clock, adapter, campaign } = setup({});
    const inner = new MemoryCampaignStore();
    const diskFull = new Error('ENOSPC: no space left on device');
    const store = {
      append: async (id: string, record: Parameters<MemoryCampaignStore['append']>[1]) => {
        if (record.type === 'task-created' && record.index === 1) throw diskFull;
        return inner.append(id, record);
      },
      read: (id: string) => inner.read(id),
    };
    const run = runCampaign(campaign, { adapter, clock, store, concurrency: 1 });
    const announced: number[] = [];
    run.on('task-created', (event) => announced.push(event.index));
    await expect(run.result).rejects.toBe(diskFull);
    // Task 1 exists on the platform but was never announced: a resume will find it by name.
    expect(announced).toEqual([0]);
    expect(adapter.tasks.map((task) => task.name)).toEqual(['camp_part1', 'camp_part2']);
  });

  it('makes no create call whose intent could not be journaled', async () => {
    const { clock, adapter, campaign } = setup({});
    const inner = new MemoryCampaignStore();
    const diskFull = new Error('ENOSPC: no space left on device');
    const store = {
      append: async (id: string, record: Parameters<MemoryCampaignStore['append']>[1]) => {
        if (record.type === 'task-intent' && record.index === 2) throw diskFull;
        return inner.append(id, record);
      },
      read: (id: string) => inner.read(id),
    };
    await expect(runCampaign(campaign, { adapter, clock, store, concurrency: 1 }).result).rejects.toBe(
      diskFull,
    );
    expect(adapter.tasks.map((task) => task.name)).toEqual(['camp_part1', 'camp_part2']);
  });
});

describe('bad input', () => {
  it('throws RunnerOptionError at once for an option out of range, naming it and its range', () => {
    const { clock, adapter, campaign } = setup({});
    expect(() => runCampaign(campaign, { adapter, clock, concurrency: 0 })).toThrow(
      'concurrency: 0 is not allowed (an integer from 1 to 16)',
    );
    expect(() => runCampaign(campaign, { adapter, clock, poll: { budgetShare: 2 } })).toThrow(
      'poll.budgetShare: 2 is not allowed (a number from 0.05 to 1)',
    );
    expect(() => runCampaign(campaign, { adapter, clock, campaignId: 'a/b' })).toThrow(
      expect.objectContaining({ code: 'FLEETCAST_INVALID_RUNNER_OPTION', option: 'campaignId' }),
    );
  });

  it('rejects the run with the planner’s validation error and creates nothing', async () => {
    const { clock, adapter, campaign } = setup({});
    const invalid = { ...campaign, name: 'bad name!' };
    await expect(runCampaign(invalid, { adapter, clock }).result).rejects.toMatchObject({
      code: 'FLEETCAST_INVALID_CAMPAIGN',
    });
    expect(adapter.tasks).toEqual([]);
  });
});
