import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryDirectory } from '../directory/in-memory-directory.js';
import { recordMatchesQuery } from '../directory/record-matches-query.js';
import type { Campaign } from '../campaign/campaign.js';
import type { TargetSpec } from '../campaign/target-spec.js';
import { describeTaskNameProblem } from '../validation/task-name-rules.js';
import { plan } from './plan.js';
import { planStream } from './plan-stream.js';
import type { PlanningError } from '../errors/planning-error.js';
import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';
import type { TaskNameRuleV1 } from '../adapter/v1/task-name-rule-v1.js';

const numRuns = 1000;

// Small pools make duplicates and exclusions common; `map` keeps every arbitrary shrinkable.
const deviceId = fc.integer({ min: 0, max: 60 }).map((n) => `dev_${n}`);
const nameCharacter = fc.constantFrom('a', 'Z', '7', '_', '水');

/** A task-name rule of random length and a campaign name valid under it. */
const ruleAndName = fc.integer({ min: 12, max: 40 }).chain((maxLength) =>
  fc.tuple(
    fc.constant<TaskNameRuleV1>({
      maxLength,
      allowedCharacter: /^[A-Za-z0-9_\u4e00-\u9fff]$/u,
      description: 'letters, digits, _ and Chinese characters',
    }),
    fc.array(nameCharacter, { minLength: 1, maxLength }).map((characters) => characters.join('')),
  ),
);

const listCase = fc.record({
  deviceIds: fc.array(deviceId, { minLength: 1, maxLength: 150 }),
  exclude: fc.array(deviceId, { maxLength: 15 }),
  maxTargetsPerTask: fc.integer({ min: 1, max: 30 }),
  ruleAndName,
});

type ListCase = typeof listCase extends fc.Arbitrary<infer T> ? T : never;

function campaignOf(target: TargetSpec, name = 'campaign'): Campaign {
  return { name, target, operation: { type: 'deleteDevices' } };
}

function setUp(input: ListCase) {
  const [taskNameRule, name] = input.ruleAndName;
  const campaign = campaignOf(
    { type: 'DeviceList', deviceIds: input.deviceIds, exclude: input.exclude },
    name,
  );
  const excluded = new Set(input.exclude);
  const expected = [...new Set(input.deviceIds)].filter((id) => !excluded.has(id));
  return { campaign, expected, options: { taskNameRule, maxTargetsPerTask: input.maxTargetsPerTask } };
}

async function collect(stream: AsyncIterable<TaskPlanV1>): Promise<TaskPlanV1[]> {
  const tasks: TaskPlanV1[] = [];
  for await (const task of stream) tasks.push(task);
  return tasks;
}

function explicitIds(tasks: readonly TaskPlanV1[]): string[][] {
  return tasks.map((task) => (task.kind === 'explicit' ? task.deviceIds : []));
}

async function planOrEmpty(campaign: Campaign, options: Parameters<typeof plan>[1]) {
  try {
    return await plan(campaign, options);
  } catch (error) {
    expect((error as PlanningError).code).toBe('FLEETCAST_EMPTY_TARGET');
    return undefined;
  }
}

describe('plan: properties of explicit device lists', () => {
  it('puts every remaining ID in exactly one task, in input order, duplicates and exclusions dropped', async () => {
    await fc.assert(
      fc.asyncProperty(listCase, async (input) => {
        const { campaign, expected, options } = setUp(input);
        const result = await planOrEmpty(campaign, options);
        if (expected.length === 0) {
          expect(result).toBeUndefined();
          return;
        }
        expect(explicitIds(result!.tasks).flat()).toEqual(expected);
      }),
      { numRuns },
    );
  });

  it('makes ceil(n / limit) tasks, none over the limit, all but the last full', async () => {
    await fc.assert(
      fc.asyncProperty(listCase, async (input) => {
        const { campaign, expected, options } = setUp(input);
        fc.pre(expected.length > 0);
        const { tasks, summary } = (await plan(campaign, options))!;
        const limit = input.maxTargetsPerTask;
        expect(tasks).toHaveLength(Math.ceil(expected.length / limit));
        const sizes = explicitIds(tasks).map((ids) => ids.length);
        for (const size of sizes.slice(0, -1)) expect(size).toBe(limit);
        expect(sizes.at(-1)).toBeGreaterThan(0);
        expect(sizes.at(-1)).toBeLessThanOrEqual(limit);
        expect(tasks.map((task) => task.index)).toEqual(tasks.map((_, index) => index));
        expect(summary).toMatchObject({
          tasks: tasks.length,
          explicitTasks: tasks.length,
          nativeTasks: 0,
          createCalls: tasks.length,
          targetsPerTask: { min: Math.min(...sizes), max: Math.max(...sizes), total: expected.length },
        });
      }),
      { numRuns },
    );
  });

  it('names tasks uniquely and validly under the rule, the campaign name alone for one task, shortening only the base', async () => {
    await fc.assert(
      fc.asyncProperty(listCase, async (input) => {
        const { campaign, expected, options } = setUp(input);
        fc.pre(expected.length > 0);
        const { tasks } = await plan(campaign, options);
        const names = tasks.map((task) => task.name);
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) expect(describeTaskNameProblem(name, options.taskNameRule)).toBeUndefined();
        if (tasks.length === 1) expect(names).toEqual([campaign.name]);
        else
          for (const [index, name] of names.entries()) {
            // The whole suffix, after the longest prefix of the campaign name that fits: the base is shortened
            // only as far as needed, never the suffix (the pool's characters are single UTF-16 units).
            const suffix = `_part${index + 1}`;
            const budget = options.taskNameRule.maxLength - suffix.length;
            expect(name).toBe(campaign.name.slice(0, budget) + suffix);
          }
      }),
      { numRuns },
    );
  });

  it('is deterministic, and plan equals the collected planStream', async () => {
    await fc.assert(
      fc.asyncProperty(listCase, async (input) => {
        const { campaign, expected, options } = setUp(input);
        fc.pre(expected.length > 0);
        const first = await plan(campaign, options);
        const second = await plan(structuredClone(campaign), options);
        expect(second).toEqual(first);
        expect(await collect(planStream(campaign, options))).toEqual(first.tasks);
      }),
      { numRuns },
    );
  });
});

const record = fc.record({
  groupIds: fc.subarray(['g1', 'g2', 'g3']),
  deviceType: fc.constantFrom('Meter', 'Valve'),
});

const directoryCase = fc.record({
  records: fc.array(record, { maxLength: 80 }),
  groupIds: fc.subarray(['g1', 'g2', 'g3'], { minLength: 1 }),
  exclude: fc.array(
    fc.integer({ min: 0, max: 80 }).map((n) => `dev_${n}`),
    { maxLength: 10 },
  ),
  maxTargetsPerTask: fc.integer({ min: 1, max: 20 }),
  batchSize: fc.integer({ min: 1, max: 25 }),
});

describe('plan: properties of directory expansion', () => {
  it('expands a selector into the matching devices in directory order, exclusions dropped, each once', async () => {
    await fc.assert(
      fc.asyncProperty(directoryCase, async (input) => {
        const records = input.records.map((fields, index) => ({ id: `dev_${index}`, ...fields }));
        const directory = new InMemoryDirectory(records);
        const target = { type: 'GroupIdList', groupIds: input.groupIds, exclude: input.exclude } as const;
        const excluded = new Set(input.exclude);
        const expected = records
          .filter((device) => recordMatchesQuery(device, target) && !excluded.has(device.id))
          .map((device) => device.id);
        const options = { directory, maxTargetsPerTask: input.maxTargetsPerTask, batchSize: input.batchSize };
        const result = await planOrEmpty(campaignOf(target), options);
        if (expected.length === 0) {
          expect(result).toBeUndefined();
          return;
        }
        const chunks = explicitIds(result!.tasks);
        expect(chunks.flat()).toEqual(expected);
        expect(chunks).toHaveLength(Math.ceil(expected.length / input.maxTargetsPerTask));
        expect(await collect(planStream(campaignOf(target), options))).toEqual(result!.tasks);
      }),
      { numRuns },
    );
  });

  it('gives exactly one native task for a native selector without exclusions', async () => {
    const selector = fc.oneof(
      fc.record({ type: fc.constant('DeviceType' as const), deviceType: fc.constantFrom('Meter', 'Valve') }),
      fc.record({ type: fc.constant('DeviceArea' as const), location: fc.constantFrom('north', 'south') }),
      fc.record({
        type: fc.constant('GroupList' as const),
        groupNames: fc.subarray(['a', 'b'], { minLength: 1 }),
      }),
      fc.record({
        type: fc.constant('GroupIdList' as const),
        groupIds: fc.subarray(['g1', 'g2'], { minLength: 1 }),
      }),
      fc.record({
        type: fc.constant('Filter' as const),
        groupIds: fc.subarray(['g1', 'g2'], { minLength: 1 }),
      }),
      fc.constant({ type: 'Broadcast' as const }),
    );
    await fc.assert(
      fc.asyncProperty(selector, fc.boolean(), async (target, emptyExclude) => {
        const spec = emptyExclude ? { ...target, exclude: [] } : target;
        const { tasks, summary } = await plan(campaignOf(spec), { nativeSelectors: [target.type] });
        expect(tasks).toEqual([{ kind: 'native', name: 'campaign', index: 0, target }]);
        expect(summary).toMatchObject({ tasks: 1, nativeTasks: 1, explicitTasks: 0, createCalls: 1 });
      }),
      { numRuns },
    );
  });
});
