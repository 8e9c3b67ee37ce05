import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../campaign/campaign.js';
import type { TargetSpec } from '../campaign/target-spec.js';
import type { DeviceDirectory, DirectorySelector } from '../directory/device-directory.js';
import type { DeviceRecord } from '../directory/device-record.js';
import { isValidDeviceId } from '../validation/device-id.js';
import { plan } from './plan.js';
import type { PlanningError } from '../errors/planning-error.js';

/**
 * A directory that breaks the "each device at most once" promise: it yields exactly the records it is given
 * (repeats and bad IDs included), in batches of the given sizes, so repeats straddle batch, chunk and wave
 * boundaries.
 */
function rawDirectory(records: readonly DeviceRecord[], batchSize: number): DeviceDirectory {
  return {
    selectors: new Set<DirectorySelector>(['Broadcast', 'DeviceType']),
    async *devices(query) {
      const matching = records.filter(
        (record) => query.type === 'Broadcast' || record.deviceType === 'Meter',
      );
      for (let start = 0; start < matching.length; start += batchSize)
        yield matching.slice(start, start + batchSize);
    },
  };
}

// Small pools make repeats common; every arbitrary is built with `map`, so failures shrink.
const validId = fc.integer({ min: 0, max: 40 }).map((n) => `dev-${n}`);
const invalidId = fc.constantFrom('bad id!', '', 'x'.repeat(129), 'dév', 'a/b');
const record = (id: fc.Arbitrary<string>) => fc.record({ id, deviceType: fc.constantFrom('Meter', 'Valve') });

const fleet = fc.array(record(validId), { minLength: 1, maxLength: 120 });
const target = fc.constantFrom<TargetSpec>(
  { type: 'DeviceType', deviceType: 'Meter' },
  { type: 'Broadcast' },
  { type: 'Rules', conditions: { all: [{ fact: 'deviceType', operator: 'equal', value: 'Meter' }] } },
);
const rollout = fc.option(
  fc.constantFrom<{ percent: number }[]>(
    [{ percent: 30 }, { percent: 100 }],
    [{ percent: 50 }],
    [{ percent: 10 }, { percent: 60 }, { percent: 100 }],
  ),
  { nil: undefined },
);

function campaignOf(spec: TargetSpec, waves: { percent: number }[] | undefined): Campaign {
  return {
    name: 'fleet',
    target: spec,
    operation: { type: 'deleteDevices' },
    ...(waves ? { rollout: { waves } } : {}),
  };
}

function idsOf(tasks: Awaited<ReturnType<typeof plan>>['tasks']): string[] {
  return tasks.flatMap((task) => (task.kind === 'explicit' ? task.deviceIds : []));
}

async function planOrEmpty(campaign: Campaign, options: Parameters<typeof plan>[1]) {
  try {
    return await plan(campaign, options);
  } catch (error) {
    expect((error as PlanningError).code).toBe('FLEETCAST_EMPTY_TARGET');
    return undefined;
  }
}

describe('plan: records from a directory that yields repeats and invalid IDs', () => {
  it('puts a device in at most one task of the campaign, across batch, chunk and wave boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fleet,
        target,
        rollout,
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 20 }),
        async (records, spec, waves, batchSize, maxTargetsPerTask) => {
          const directory = rawDirectory(records, batchSize);
          const result = await planOrEmpty(campaignOf(spec, waves), { directory, maxTargetsPerTask });
          const ids = result === undefined ? [] : idsOf(result.tasks);
          expect(new Set(ids).size).toBe(ids.length);
          const matching = records.filter((r) => spec.type === 'Broadcast' || r.deviceType === 'Meter');
          const distinct = new Set(matching.map((r) => r.id));
          if (waves === undefined || waves.at(-1)?.percent === 100) {
            // Every distinct device is planned once (no device is lost to the dedup).
            expect(new Set(ids)).toEqual(result === undefined ? new Set() : distinct);
            if (result) expect(result.refused?.duplicates).toBe(matching.length - distinct.size);
          } else for (const id of ids) expect(distinct.has(id)).toBe(true);
          if (result)
            for (const task of result.tasks)
              if (task.kind === 'explicit')
                expect(task.deviceIds.length).toBeLessThanOrEqual(maxTargetsPerTask);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops at an invalid ID unless told to skip it, then plans only valid IDs and counts the refused', async () => {
    const mixed = fc.array(
      fc.oneof({ weight: 4, arbitrary: record(validId) }, { weight: 1, arbitrary: record(invalidId) }),
      {
        minLength: 1,
        maxLength: 80,
      },
    );
    await fc.assert(
      fc.asyncProperty(mixed, target, fc.integer({ min: 1, max: 25 }), async (records, spec, batchSize) => {
        const directory = rawDirectory(records, batchSize);
        const matching = records.filter((r) => spec.type === 'Broadcast' || r.deviceType === 'Meter');
        const invalid = matching.filter((r) => !isValidDeviceId(r.id));
        const campaign = campaignOf(spec, undefined);
        if (invalid.length > 0) {
          const error = await plan(campaign, { directory }).then(
            () => undefined,
            (caught: PlanningError) => caught,
          );
          expect(error?.code).toBe('FLEETCAST_INVALID_DEVICE_RECORD');
          expect(error?.message).toContain(
            'is not a valid device ID (letters, digits, _ and -, at most 128 characters)',
          );
        }
        const result = await planOrEmpty(campaign, { directory, skipInvalidDevices: true });
        const ids = result === undefined ? [] : idsOf(result.tasks);
        expect(ids.every((id) => isValidDeviceId(id))).toBe(true);
        expect(new Set(ids)).toEqual(new Set(matching.map((r) => r.id).filter((id) => isValidDeviceId(id))));
        if (result) expect(result.refused?.invalid).toBe(invalid.length);
      }),
      { numRuns: 300 },
    );
  });
});
