import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignWave,
  createVirtualClock,
  FileCampaignStore,
  type JournalRecord,
  MemoryCampaignStore,
  resumeCampaign,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter } from '../src/testing/index.js';
import {
  devicePercent,
  finishedOf,
  logRun,
  waveCampaign,
  waveOfName,
} from './__test-helpers__/runner-waves-kit.js';

/** Rising cumulative percents ending at 100 (a rollout with no device at all is a planning error). */
const wavePercents = fc
  .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 3 })
  .map((percents) => [...[...percents].sort((a, b) => a - b), 100]);

const gateScenario = fc.record({
  devices: fc.integer({ min: 20, max: 150 }),
  percents: wavePercents,
  perTask: fc.integer({ min: 3, max: 25 }),
  failPercent: fc.constantFrom(0, 5, 20, 50),
  timeoutPercent: fc.constantFrom(0, 5),
  seed: fc.integer(),
  minFinishedFraction: fc.constantFrom(0.3, 0.7, 1),
  minSuccessRate: fc.constantFrom(0, 0.5, 0.8, 0.95),
  soakMs: fc.constantFrom(0, 30_000),
  concurrency: fc.integer({ min: 1, max: 3 }),
});

function memoryPlatform(s: { perTask: number; failPercent: number; timeoutPercent: number; seed: number }) {
  const clock = createVirtualClock();
  const adapter = createMemoryAdapter({
    clock,
    capabilities: { maxTargetsPerTask: s.perTask, rateLimitPerMinute: 600, maxUnfinishedTasks: 4 },
    taskDurationMs: 60_000,
    deviceOutcome: (id) => {
      const draw = devicePercent(id, s.seed);
      return draw < s.failPercent
        ? 'failed'
        : draw < s.failPercent + s.timeoutPercent
          ? 'timedOut'
          : 'succeeded';
    },
  });
  return { clock, adapter };
}

describe('rollout waves in the runner (memory platform)', () => {
  it('never lets a wave start before its predecessor passed its gate on real figures, nor before its creates are answered', async () => {
    await fc.assert(
      fc.asyncProperty(gateScenario, async (s) => {
        const { clock, adapter } = memoryPlatform(s);
        const gate = {
          minFinishedFraction: s.minFinishedFraction,
          minSuccessRate: s.minSuccessRate,
          soakMs: s.soakMs,
        };
        const campaign = waveCampaign(s.devices, { waves: s.percents.map((percent) => ({ percent })), gate });
        const run = runCampaign(campaign, { adapter, clock, concurrency: s.concurrency });
        const log = logRun(run);
        const report = await run.result;
        expect(log.problems).toEqual([]);
        // Every pass was decided on figures above the gate, and those figures are the wave's real ones:
        // the same targets, never more than the final counts, and exactly them once the whole wave finished.
        for (const [wave, devices] of log.passed) {
          const finished = finishedOf(devices);
          expect(finished).toBeGreaterThanOrEqual(s.minFinishedFraction * devices.targeted - 1e-9);
          if (finished > 0)
            expect(devices.succeeded).toBeGreaterThanOrEqual(s.minSuccessRate * finished - 1e-9);
          const final = report.waves?.[wave]?.totals;
          expect(devices.targeted).toBe(final?.targeted);
          expect(devices.succeeded).toBeLessThanOrEqual(final?.succeeded ?? 0);
          expect(finished).toBeLessThanOrEqual(finishedOf(final ?? devices));
          if (finished === devices.targeted) expect(devices).toEqual(final);
        }
        // Tasks reach the platform wave by wave: the wave of each created task never goes down.
        const waves = adapter.tasks.map((task) => waveOfName(task.name));
        expect(waves).toEqual([...waves].sort((a, b) => a - b));
        expect(['completed', 'paused']).toContain(report.status);
        if (report.status === 'paused') {
          // Only a gate that can no longer pass stops this scenario (no criteria, no approval).
          const halt = report.rolloutHalt;
          expect(halt?.reason).toBe('gateFailed');
          expect(waves.every((wave) => wave <= (halt?.wave ?? -1))).toBe(true);
          const stopped = report.waves?.[halt?.wave ?? -1];
          const finished = finishedOf(stopped?.totals ?? report.totals);
          const below =
            finished < s.minFinishedFraction * (stopped?.totals.targeted ?? 0) - 1e-9 ||
            (stopped?.totals.succeeded ?? 0) < s.minSuccessRate * finished - 1e-9 ||
            finished === 0;
          expect(below).toBe(true);
        } else {
          // Completed: every device within the last wave's percent was targeted exactly once, in its wave.
          const expected = new Map<string, number>();
          for (let index = 0; index < s.devices; index++) {
            const wave = assignWave(campaign, `d${index}`).wave;
            if (wave !== undefined) expected.set(`d${index}`, wave);
          }
          const seen = new Map<string, number>();
          for (const task of adapter.tasks) {
            for (const id of task.deviceIds ?? []) {
              expect(seen.has(id)).toBe(false);
              seen.set(id, waveOfName(task.name));
            }
          }
          expect(seen).toEqual(expected);
          expect(report.waves?.reduce((sum, wave) => sum + wave.totals.targeted, 0)).toBe(expected.size);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('holds the next wave for soakMs after the thresholds are met, and asks approval last', async () => {
    const { clock, adapter } = memoryPlatform({ perTask: 10, failPercent: 0, timeoutPercent: 0, seed: 1 });
    const asked: unknown[] = [];
    const campaign = waveCampaign(60, {
      waves: [{ percent: 30 }, { percent: 100 }],
      gate: {
        soakMs: 120_000,
        approve: async (info) => {
          asked.push({ ...info, at: clock.now() });
          return true;
        },
      },
    });
    const run = runCampaign(campaign, { adapter, clock });
    const times: Record<string, number> = {};
    let lastWave0Finish = 0;
    run.on('task-progress', (event) => {
      if (event.terminal && waveOfName(event.name) === 0) lastWave0Finish = event.at;
    });
    run.on('wave-passed', (event) => {
      times.passed = event.at;
    });
    const report = await run.result;
    expect(report.status).toBe('completed');
    expect(times.passed).toBeGreaterThanOrEqual(lastWave0Finish + 120_000);
    expect(asked).toHaveLength(1);
    const wave0 = report.waves?.[0];
    expect(asked[0]).toMatchObject({
      campaignName: 'camp',
      wave: 0,
      nextWave: 1,
      devices: { targeted: wave0?.totals.targeted, succeeded: wave0?.totals.targeted, failed: 0 },
    });
    expect(report.waves?.map((wave) => wave.state)).toEqual(['passed', 'finished']);
  });

  it('pauses when approval is refused, and a resume with approval goes on from the next wave', async () => {
    const { clock, adapter } = memoryPlatform({ perTask: 10, failPercent: 0, timeoutPercent: 0, seed: 1 });
    const store = new MemoryCampaignStore();
    const campaign = waveCampaign(80, {
      waves: [{ percent: 25 }, { percent: 100 }],
      gate: { approve: async () => false },
    });
    const first = await runCampaign(campaign, { adapter, clock, store, campaignId: 'approval' }).result;
    expect(first.status).toBe('paused');
    expect(first.rolloutHalt).toMatchObject({ wave: 0, action: 'pause', reason: 'approvalRefused' });
    const afterFirst = adapter.tasks.length;
    expect(adapter.tasks.every((task) => waveOfName(task.name) === 0)).toBe(true);
    const resumed = resumeCampaign('approval', { adapter, clock, store, approve: async () => true });
    const log = logRun(resumed);
    const second = await resumed.result;
    expect(second.status).toBe('completed');
    expect(log.timeline).toContain('wave-passed 0');
    expect(log.timeline).not.toContain('wave-gated 0');
    expect(adapter.tasks.length).toBeGreaterThan(afterFirst);
    expect(second.totals.targeted).toBe(80);
    expect(second.totals.succeeded).toBe(80);
  });
});

describe('abort criteria (memory platform)', () => {
  const failing = { perTask: 8, failPercent: 40, timeoutPercent: 0, seed: 7 };

  it('abort: creates no task of a later wave, watches the created ones to the end, and a resume creates nothing', async () => {
    const { clock, adapter } = memoryPlatform(failing);
    const store = new MemoryCampaignStore();
    const campaign = waveCampaign(120, {
      waves: [{ percent: 20 }, { percent: 60 }, { percent: 100 }],
      abort: {
        action: 'abort',
        criteria: [{ failureType: 'failed', thresholdPercent: 10, minFinishedDevices: 5 }],
      },
    });
    const run = runCampaign(campaign, { adapter, clock, store, campaignId: 'aborting' });
    const log = logRun(run);
    const report = await run.result;
    expect(report.status).toBe('aborted');
    expect(report.rolloutHalt).toMatchObject({ wave: 0, action: 'abort', reason: 'abortCriteria' });
    expect(report.rolloutHalt?.message).toMatch(/wave 1: \d+ of \d+ finished devices failed/);
    expect(adapter.tasks.every((task) => waveOfName(task.name) === 0)).toBe(true);
    expect(log.timeline.indexOf('wave-aborted 0')).toBeGreaterThan(-1);
    expect(log.timeline.filter((line) => line.startsWith('wave-started'))).toEqual(['wave-started 0']);
    // The rest of the plan is in the report as not created, wave by wave.
    expect(report.waves?.map((wave) => wave.state)).toEqual(['aborted', 'notStarted', 'notStarted']);
    expect(report.waves?.[2]?.totals.notCreated).toBeGreaterThan(0);
    expect(report.totals.targeted).toBe(120);
    for (const task of report.tasks.filter((entry) => entry.created === true))
      expect(['succeeded', 'partiallySucceeded', 'failed']).toContain(task.state);
    const journal: JournalRecord[] = [];
    for await (const record of store.read('aborting')) journal.push(record);
    expect(journal.filter((record) => record.type === 'wave-aborted')).toHaveLength(1);

    const created = adapter.tasks.length;
    const again = await resumeCampaign('aborting', { adapter, clock, store }).result;
    expect(again.status).toBe('aborted');
    expect(adapter.tasks.length).toBe(created);
  });

  it('does not fire below minFinishedDevices, nor for another failure type', async () => {
    const { clock, adapter } = memoryPlatform(failing);
    const report = await runCampaign(
      waveCampaign(60, {
        waves: [{ percent: 50 }, { percent: 100 }],
        abort: {
          action: 'abort',
          criteria: [
            { failureType: 'timedOut', thresholdPercent: 1, minFinishedDevices: 1 },
            { failureType: 'any', thresholdPercent: 1, minFinishedDevices: 61 },
          ],
        },
      }),
      { adapter, clock },
    ).result;
    expect(report.status).toBe('completed');
    expect(report.totals.failed).toBeGreaterThan(0);
  });

  it('pause: ends the run at once; each resume releases the paused wave and checks the next one again', async () => {
    const { clock, adapter } = memoryPlatform(failing);
    const store = new MemoryCampaignStore();
    const campaign = waveCampaign(100, {
      waves: [{ percent: 30 }, { percent: 100 }],
      abort: {
        action: 'pause',
        criteria: [{ failureType: 'any', thresholdPercent: 20, minFinishedDevices: 4 }],
      },
    });
    const first = await runCampaign(campaign, { adapter, clock, store, campaignId: 'pausing' }).result;
    expect(first.status).toBe('paused');
    expect(first.rolloutHalt?.wave).toBe(0);
    expect(adapter.tasks.every((task) => waveOfName(task.name) === 0)).toBe(true);

    const second = await resumeCampaign('pausing', { adapter, clock, store }).result;
    expect(second.status).toBe('paused');
    expect(second.rolloutHalt?.wave).toBe(1);
    expect(adapter.tasks.some((task) => waveOfName(task.name) === 1)).toBe(true);

    const third = await resumeCampaign('pausing', { adapter, clock, store }).result;
    expect(third.status).toBe('completed');
    expect(third.totals.targeted).toBe(100);
    expect(third.totals.notCreated).toBe(0);
    const names = adapter.tasks.map((task) => task.name);
    expect(new Set(names).size).toBe(names.length);
    const ids = adapter.tasks.flatMap((task) => task.deviceIds ?? []);
    expect(new Set(ids).size).toBe(100);
    expect(ids).toHaveLength(100);
  });
});

describe('resume across a wave boundary', () => {
  it('a run stopped right after a wave passed resumes into the next wave without gating the first again (file journal)', async () => {
    const { clock, adapter } = memoryPlatform({ perTask: 6, failPercent: 0, timeoutPercent: 0, seed: 3 });
    const store = new FileCampaignStore({ directory: mkdtempSync(join(tmpdir(), 'fleetcast-waves-')) });
    const stop = new AbortController();
    const campaign = waveCampaign(90, { waves: [{ percent: 10 }, { percent: 50 }, { percent: 100 }] });
    const run = runCampaign(campaign, { adapter, clock, store, campaignId: 'boundary', signal: stop.signal });
    run.on('wave-passed', (event) => {
      if (event.wave === 0) stop.abort();
    });
    const first = await run.result;
    expect(first.status).toBe('cancelled');
    expect(adapter.tasks.every((task) => waveOfName(task.name) === 0)).toBe(true);

    const resumed = resumeCampaign('boundary', { adapter, clock, store });
    const log = logRun(resumed);
    const report = await resumed.result;
    expect(report.status).toBe('completed');
    expect(log.timeline).not.toContain('wave-gated 0');
    expect(log.timeline).toContain('wave-passed 1');
    const names = adapter.tasks.map((task) => task.name);
    expect(new Set(names).size).toBe(names.length);
    const ids = adapter.tasks.flatMap((task) => task.deviceIds ?? []);
    expect(ids).toHaveLength(90);
    expect(new Set(ids).size).toBe(90);
    expect(report.waves?.map((wave) => wave.state)).toEqual(['passed', 'passed', 'finished']);
    expect(report.waves?.map((wave) => wave.totals.succeeded)).toEqual(
      report.waves?.map((wave) => wave.totals.targeted),
    );
  });
});
