import { describe, expect, it } from 'vitest';
import type { AdapterCapabilitiesV1 } from '../adapter/v1/adapter-v1.js';
import type { DeviceDirectory, DirectoryQuery } from '../directory/device-directory.js';
import type { DeviceRecord } from '../directory/device-record.js';
import { InMemoryDirectory } from '../directory/in-memory-directory.js';
import { CampaignValidationError } from '../errors/campaign-validation-error.js';
import type { Campaign } from '../campaign/campaign.js';
import type { TargetSpec } from '../campaign/target-spec.js';
import { v5TaskNameRule } from '../validation/__test-helpers__/platform-task-name-rules.js';
import { plan } from './plan.js';
import { planStream } from './plan-stream.js';
import { PlanningError } from '../errors/planning-error.js';

function campaignOf(target: TargetSpec, name = 'fw_21'): Campaign {
  return { name, target, operation: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] } };
}

async function planningError(promise: Promise<unknown>): Promise<PlanningError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(PlanningError.isInstance(error)).toBe(true);
  return error as PlanningError;
}

/** A directory that generates `count` devices on demand and counts what it has handed out. */
function generatedDirectory(count: number, selectors: DirectoryQuery['type'][] = ['Broadcast']) {
  const state = { produced: 0 };
  const directory: DeviceDirectory = {
    selectors: new Set(selectors),
    async *devices(_query, options) {
      const size = options?.batchSize ?? 1000;
      for (let start = 0; start < count; start += size) {
        const batch: DeviceRecord[] = [];
        for (let id = start; id < Math.min(count, start + size); id++)
          batch.push({ id: `dev_${id}`, groupIds: ['g'] });
        state.produced += batch.length;
        yield batch;
      }
    },
  };
  return { directory, state };
}

const v5Capabilities: AdapterCapabilitiesV1 = {
  nativeSelectors: ['Filter'],
  supportedOperations: ['firmwareUpgrade', 'command'],
  maxTargetsPerTask: 30_000,
  taskNameRule: v5TaskNameRule,
  rateLimitPerMinute: 100,
  maxUnfinishedTasks: 'unknown',
  rejectsDuplicateNames: false,
};

describe('plan', () => {
  it('validates first and throws every issue', async () => {
    const bad = { ...campaignOf({ type: 'DeviceList', deviceIds: ['bad id'] }), name: 'bad-name' };
    const error = await plan(bad).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CampaignValidationError);
    expect((error as CampaignValidationError).issues.map((issue) => issue.code)).toEqual([
      'invalid_character',
      'invalid_device_id',
    ]);
  });

  it('validates with the same limits it plans with', async () => {
    const byType = campaignOf({ type: 'DeviceType', deviceType: 'WaterMeter' });
    const options = { nativeSelectors: ['DeviceType' as const], requireManufacturerAndModel: true };
    await expect(plan(byType, options)).rejects.toBeInstanceOf(CampaignValidationError);
    const tight = { ...campaignOf({ type: 'Broadcast' }), name: 'x'.repeat(20) };
    const rule = { ...v5TaskNameRule, maxLength: 10 };
    await expect(plan(tight, { nativeSelectors: ['Broadcast'], taskNameRule: rule })).rejects.toThrow(
      'at most 10',
    );
  });

  it('splits 70,001 IDs into three 30,000-ID parts by default', async () => {
    const deviceIds = Array.from({ length: 70_001 }, (_, index) => `dev_${index}`);
    const { tasks, summary } = await plan(campaignOf({ type: 'DeviceList', deviceIds, exclude: ['dev_0'] }));
    expect(tasks.map((task) => task.name)).toEqual(['fw_21_part1', 'fw_21_part2', 'fw_21_part3']);
    expect(summary.targetsPerTask).toEqual({ min: 10_000, max: 30_000, total: 70_000 });
  });

  it('takes native selectors, name rule and task limit from the adapter', async () => {
    const adapter = { name: 'v5', capabilities: { ...v5Capabilities, maxTargetsPerTask: 2 } };
    const native = await plan(campaignOf({ type: 'Filter', groupIds: ['g1'] }), { adapter });
    expect(native.tasks).toEqual([
      { kind: 'native', name: 'fw_21', index: 0, target: { type: 'Filter', groupIds: ['g1'] } },
    ]);
    const list = await plan(campaignOf({ type: 'DeviceList', deviceIds: ['a', 'b', 'c'] }), { adapter });
    expect(list.tasks.map((task) => task.name)).toEqual(['fw_21_part1', 'fw_21_part2']);
    const unsupported = {
      ...campaignOf({ type: 'Broadcast' }),
      operation: { type: 'freezeDevices' as const },
    };
    await expect(plan(unsupported, { adapter })).rejects.toThrow('not supported by the v5 adapter');
  });

  it('expands a native selector that carries exclusions', async () => {
    const directory = new InMemoryDirectory([
      { id: 'a', groupIds: ['g1'] },
      { id: 'b', groupIds: ['g1'] },
    ]);
    const { tasks, notes } = await plan(campaignOf({ type: 'Filter', groupIds: ['g1'], exclude: ['a'] }), {
      directory,
      nativeSelectors: ['Filter'],
    });
    expect(tasks).toEqual([{ kind: 'explicit', name: 'fw_21', index: 0, deviceIds: ['b'] }]);
    expect(notes).toEqual([
      {
        code: 'expanded_for_exclusions',
        message:
          'target: Filter is selected natively by the platform, but target.exclude (1 ID(s)) is not: the target ' +
          'is expanded through the directory into explicit device lists without them',
      },
    ]);
    const native = await plan(campaignOf({ type: 'Filter', groupIds: ['g1'], exclude: [] }), {
      nativeSelectors: ['Filter'],
    });
    expect(native.notes).toEqual([]);
  });

  it('filters a Broadcast listing when the directory cannot answer the selector itself', async () => {
    const records: DeviceRecord[] = [
      { id: 'a', location: 'north' },
      { id: 'b', location: 'south' },
      { id: 'c', location: 'north' },
    ];
    const listingOnly: DeviceDirectory = {
      selectors: new Set(['Broadcast']),
      async *devices(query) {
        expect(query).toEqual({ type: 'Broadcast' });
        yield records;
      },
    };
    const { tasks } = await plan(campaignOf({ type: 'DeviceArea', location: 'north' }), {
      directory: listingOnly,
    });
    expect(tasks).toEqual([{ kind: 'explicit', name: 'fw_21', index: 0, deviceIds: ['a', 'c'] }]);
  });

  it('throws typed errors for a missing directory, an unanswerable selector, Rules and an empty result', async () => {
    const missing = await planningError(plan(campaignOf({ type: 'Broadcast' })));
    expect(missing.code).toBe('FLEETCAST_DIRECTORY_REQUIRED');
    expect(missing.message).toBe(
      'target: a Broadcast target must be expanded into device IDs, which needs options.directory ' +
        '(or a platform that selects it natively: options.nativeSelectors)',
    );
    // A native selector does not help when exclusions or waves force the expansion: the message says why.
    const excluded = await planningError(
      plan(campaignOf({ type: 'Broadcast', exclude: ['a'] }), { nativeSelectors: ['Broadcast'] }),
    );
    expect(excluded.message).toBe(
      "target: a Broadcast target with exclusions must be expanded into device IDs (exclusions are fleetcast's, " +
        "not the platform's), which needs options.directory",
    );
    const waves = await planningError(
      plan(
        { ...campaignOf({ type: 'Broadcast' }), rollout: { waves: [{ percent: 10 }, { percent: 100 }] } },
        { nativeSelectors: ['Broadcast'] },
      ),
    );
    expect([waves.code, waves.message]).toEqual([
      'FLEETCAST_DIRECTORY_REQUIRED',
      'target: a Broadcast target with rollout waves must be expanded into device IDs (no platform takes a ' +
        'percentage), which needs options.directory',
    ]);

    const groupsOnly = generatedDirectory(3, ['GroupIdList']).directory;
    const unanswerable = await planningError(
      plan(campaignOf({ type: 'DeviceArea', location: 'x' }), { directory: groupsOnly }),
    );
    expect(unanswerable.code).toBe('FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR');
    expect(unanswerable.message).toBe(
      'target: the directory answers neither DeviceArea nor Broadcast (it answers: GroupIdList)',
    );

    const rules = campaignOf({
      type: 'Rules',
      conditions: { all: [{ fact: 'model', operator: 'equal', value: 'A' }] },
    });
    const rulesError = await planningError(plan(rules, { directory: new InMemoryDirectory([]) }));
    expect(rulesError.code).toBe('FLEETCAST_EMPTY_TARGET'); // Rules now expand: nothing matches in an empty directory

    const empty = await planningError(
      plan(campaignOf({ type: 'DeviceList', deviceIds: ['a', 'a'], exclude: ['a'] })),
    );
    expect(empty.code).toBe('FLEETCAST_EMPTY_TARGET');
    expect(empty.message).toBe(
      'target: no device remains to target (the device list gave 2 ID(s); 1 excluded ID(s), duplicates dropped)',
    );
    const none = await planningError(
      plan(campaignOf({ type: 'DeviceType', deviceType: 'Nope' }), { directory: new InMemoryDirectory([]) }),
    );
    expect(none.code).toBe('FLEETCAST_EMPTY_TARGET');
  });
});

describe('planStream', () => {
  it('holds at most one directory batch beyond the tasks it has released', async () => {
    const batchSize = 700;
    const maxTargetsPerTask = 1000;
    const { directory, state } = generatedDirectory(200_000);
    let released = 0;
    let tasks = 0;
    for await (const task of planStream(campaignOf({ type: 'Broadcast' }), {
      directory,
      batchSize,
      maxTargetsPerTask,
    })) {
      if (task.kind !== 'explicit') throw new Error('expected explicit tasks');
      released += task.deviceIds.length;
      tasks++;
      expect(state.produced - released).toBeLessThanOrEqual(batchSize);
    }
    expect(tasks).toBe(200);
    expect(released).toBe(200_000);
  });

  it('names a single streamed task after the campaign and stops when aborted', async () => {
    const { directory } = generatedDirectory(1000);
    const single = [];
    for await (const task of planStream(campaignOf({ type: 'Broadcast' }), { directory }))
      single.push(task.name);
    expect(single).toEqual(['fw_21']);

    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const memory = new InMemoryDirectory([{ id: 'a' }]);
    await expect(
      plan(campaignOf({ type: 'Broadcast' }), { directory: memory, signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});
