import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryDirectory } from '../directory/in-memory-directory.js';
import { plan } from './plan.js';
import { planStream } from './plan-stream.js';
import { PlanningError } from '../errors/planning-error.js';
import type { ExplicitTaskPlanV1 } from '../adapter/v1/task-plan-v1.js';
import type { Campaign } from '../campaign/campaign.js';
import type { TargetSpec } from '../campaign/target-spec.js';
import { assignWave } from '../rollout/assign-wave.js';

const operation: Campaign['operation'] = {
  type: 'firmwareUpgrade',
  packageIds: ['32822e5744a45ede319d2c50'],
};
const threeWaves = { waves: [{ percent: 1 }, { percent: 10 }, { percent: 100 }] };

function campaignOf(target: TargetSpec, rollout = threeWaves): Campaign {
  return { name: 'fw_21', target, operation, rollout };
}

describe('planning a rollout', () => {
  it('plans wave by wave: every targeted device once, in its wave, nothing beyond the last wave', async () => {
    const idArb = fc.stringMatching(/^[a-z0-9_]{1,12}$/);
    const wavesArb = fc
      .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 4 })
      .map((limits) => [...limits].sort((a, b) => a - b).map((limit) => ({ percent: limit / 100 })));
    await fc.assert(
      fc.asyncProperty(
        fc.array(idArb, { minLength: 1, maxLength: 300 }),
        wavesArb,
        fc.integer({ min: 1, max: 40 }),
        async (ids, waves, maxTargetsPerTask) => {
          const campaign = campaignOf({ type: 'DeviceList', deviceIds: ids }, { waves });
          const expected = [...new Set(ids)].filter((id) => assignWave(campaign, id).wave !== undefined);
          const result = await plan(campaign, { maxTargetsPerTask }).catch((error: unknown) => error);
          if (expected.length === 0) {
            expect(PlanningError.isInstance(result) && result.code).toBe('FLEETCAST_EMPTY_TARGET');
            return;
          }
          const tasks = (result as Awaited<ReturnType<typeof plan>>).tasks as ExplicitTaskPlanV1[];
          const planned = tasks.flatMap((task) => task.deviceIds);
          expect([...planned].sort()).toEqual([...expected].sort());
          for (const task of tasks) {
            expect(task.kind).toBe('explicit');
            expect(task.name.startsWith(`fw_21_wave${(task.wave as number) + 1}`)).toBe(true);
            for (const id of task.deviceIds) expect(assignWave(campaign, id).wave).toBe(task.wave);
          }
          // Waves in order, indexes running, names unique.
          expect(tasks.map((task) => task.wave)).toEqual([...tasks.map((task) => task.wave)].sort());
          expect(tasks.map((task) => task.index)).toEqual(tasks.map((_, index) => index));
          expect(new Set(tasks.map((task) => task.name)).size).toBe(tasks.length);
          // plan is the collected planStream here too.
          const streamed = [];
          for await (const task of planStream(campaign, { maxTargetsPerTask })) streamed.push(task);
          expect(streamed).toEqual(tasks);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('expands a native selector, since no platform takes a percentage', async () => {
    const directory = new InMemoryDirectory(
      Array.from({ length: 2_000 }, (_, n) => ({
        id: `meter_${n}`,
        deviceType: n % 2 ? 'WaterMeter' : 'GasMeter',
      })),
    );
    const { tasks, notes } = await plan(campaignOf({ type: 'DeviceType', deviceType: 'WaterMeter' }), {
      directory,
      nativeSelectors: ['DeviceType'],
    });
    expect(tasks.every((task) => task.kind === 'explicit')).toBe(true);
    // The plan says why a selector the platform could answer was expanded.
    expect(notes).toEqual([
      {
        code: 'expanded_for_rollout',
        message:
          'target: DeviceType is selected natively by the platform, but no platform takes a percentage: with ' +
          'rollout waves the target is expanded through the directory into explicit device lists, wave by wave',
      },
    ]);
    const perWave = [0, 1, 2].map((wave) =>
      tasks
        .filter((task) => task.wave === wave)
        .reduce((sum, task) => sum + (task as ExplicitTaskPlanV1).deviceIds.length, 0),
    );
    expect(perWave.reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(perWave[0]).toBeLessThan(40);
    expect(perWave[2]).toBeGreaterThan(800);
    expect(tasks.map((task) => task.name)).toEqual(['fw_21_wave1', 'fw_21_wave2', 'fw_21_wave3']);
  });

  it('notes nothing when the target would be expanded anyway', async () => {
    const directory = new InMemoryDirectory([{ id: 'meter_1', deviceType: 'WaterMeter' }]);
    const withWaves = campaignOf(
      { type: 'DeviceType', deviceType: 'WaterMeter' },
      { waves: [{ percent: 100 }] },
    );
    expect((await plan(withWaves, { directory })).notes).toEqual([]);
    const list = campaignOf({ type: 'DeviceList', deviceIds: ['meter_1'] }, { waves: [{ percent: 100 }] });
    expect((await plan(list, { nativeSelectors: ['DeviceType'] })).notes).toEqual([]);
  });

  it('applies exclusions and Rules in every wave', async () => {
    const directory = new InMemoryDirectory(
      Array.from({ length: 500 }, (_, n) => ({ id: `d${n}`, facts: { firmwareVersion: n % 5 } })),
    );
    const target: TargetSpec = {
      type: 'Rules',
      conditions: { all: [{ fact: 'firmwareVersion', operator: 'lessThan', value: 2 }] },
      exclude: ['d0', 'd1'],
    };
    const { tasks } = await plan(campaignOf(target), { directory });
    const ids = tasks.flatMap((task) => (task as ExplicitTaskPlanV1).deviceIds).sort();
    const expected = Array.from({ length: 500 }, (_, n) => n)
      .filter((n) => n % 5 < 2 && n > 1)
      .map((n) => `d${n}`)
      .sort();
    expect(ids).toEqual(expected);
  });
});
