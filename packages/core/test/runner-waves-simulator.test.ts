import { type CampaignReport, MemoryCampaignStore, runCampaign, scaledClock } from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetCampaign, simulatorAdapter, smallTasks } from './__test-helpers__/runner-simulator-kit.js';
import { waveOfName } from './__test-helpers__/runner-waves-kit.js';

const timeScale = 2_000;
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 400, seed: 23, timeScale });
});
afterAll(() => sim.close());

type Criterion = {
  failureType: 'failed' | 'timedOut' | 'any';
  thresholdPercent: number;
  minFinishedDevices: number;
};

function fires(criterion: Criterion, totals: CampaignReport['totals']): boolean {
  const finished = totals.succeeded + totals.failed + totals.timedOut + totals.stopped;
  if (finished < criterion.minFinishedDevices) return false;
  const failures =
    criterion.failureType === 'failed'
      ? totals.failed
      : criterion.failureType === 'timedOut'
        ? totals.timedOut
        : totals.failed + totals.timedOut;
  return failures * 100 >= criterion.thresholdPercent * finished;
}

const scenario = fc.record({
  devices: fc.integer({ min: 40, max: 200 }),
  failureProbability: fc.constantFrom(0, 0.03, 0.2, 0.6),
  timeoutProbability: fc.constantFrom(0, 0.1),
  criterion: fc.record({
    failureType: fc.constantFrom('failed' as const, 'timedOut' as const, 'any' as const),
    thresholdPercent: fc.constantFrom(5, 15, 40),
    minFinishedDevices: fc.constantFrom(1, 10),
  }),
  perTask: fc.integer({ min: 5, max: 30 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

describe.each(['v5', 'legacy'] as const)(
  'rollout abort against the simulator (%s adapter, model-based)',
  (api) => {
    it('creates no task of a wave after the aborted one; a wave passes only if no criterion holds on its final figures', async () => {
      let aborts = 0;
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          sim.reset();
          sim.configure({
            failureProbability: s.failureProbability,
            timeoutProbability: s.timeoutProbability,
          });
          const campaign = {
            ...fleetCampaign(sim, s.devices, `abort_${api}_${s.seed.toString(36)}`),
            rollout: {
              waves: [{ percent: 10 }, { percent: 40 }, { percent: 100 }],
              abort: { action: 'abort' as const, criteria: [s.criterion] },
            },
          };
          const run = runCampaign(campaign, {
            adapter: simulatorAdapter(sim, api),
            clock: scaledClock(sim.clock),
            store: new MemoryCampaignStore(),
            plan: smallTasks(s.perTask),
          });
          let abortedAt: { wave: number; tasksBefore: number } | undefined;
          run.on('wave-aborted', (event) => {
            abortedAt = { wave: event.wave, tasksBefore: sim.tasks().length };
            expect(fires(s.criterion, event.devices)).toBe(true);
          });
          const report = await run.result;
          const platformWaves = sim.tasks().map((task) => waveOfName(task.taskName));
          if (abortedAt === undefined) {
            expect(report.status).toBe('completed');
            expect(report.waves?.every((wave) => wave.tasks === 0 || wave.state !== 'notStarted')).toBe(true);
          } else {
            const { wave } = abortedAt;
            aborts += 1;
            expect(report.status).toBe('aborted');
            expect(report.rolloutHalt?.wave).toBe(wave);
            expect(platformWaves.filter((created) => created > wave)).toEqual([]);
            expect(sim.tasks().length).toBe(report.tasks.filter((task) => task.created === true).length);
          }
          // The gate waits for the whole wave, so a passed wave's final figures are those the criteria saw last.
          for (const wave of report.waves ?? []) {
            if (wave.state === 'passed') expect(fires(s.criterion, wave.totals)).toBe(false);
          }
        }),
        { numRuns: 20 },
      );
      // The scenarios must exercise the abort path, not only the happy one.
      expect(aborts).toBeGreaterThan(0);
    });
  },
);
