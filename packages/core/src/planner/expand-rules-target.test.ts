import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceDirectory, DirectoryQuery } from '../directory/device-directory.js';
import type { DeviceRecord } from '../directory/device-record.js';
import { InMemoryDirectory } from '../directory/in-memory-directory.js';
import { plan } from './plan.js';
import { PlanningError } from '../errors/planning-error.js';
import type { Campaign } from '../campaign/campaign.js';
import type { RuleCondition, RulesTarget } from '../campaign/target-spec.js';
import { compileConditions } from '../rules/compile-conditions.js';
import { rulesPushdownQuery } from '../rules/rules-pushdown.js';
import { type UnevaluableDevice, RulesUnevaluableError } from '../errors/rules-unevaluable-error.js';

const rule: RuleCondition = {
  all: [
    { fact: 'deviceType', operator: 'equal', value: 'WaterMeter' },
    { fact: 'firmwareVersion', operator: 'lessThan', value: 3 },
    {
      any: [
        { fact: 'location', operator: 'in', value: ['Shenzhen', 'Shanghai'] },
        { fact: 'groupNames', operator: 'contains', value: 'beta' },
      ],
    },
  ],
};

function campaignOf(target: RulesTarget): Campaign {
  return {
    name: 'fw_rules',
    target,
    operation: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
  };
}

/** Wraps a directory to record the queries it is asked. */
function spied(inner: DeviceDirectory, selectors = inner.selectors) {
  const queries: DirectoryQuery[] = [];
  const directory: DeviceDirectory = {
    selectors,
    devices(query, options) {
      queries.push(query);
      return inner.devices(query, options);
    },
  };
  return { directory, queries };
}

const recordArb: fc.Arbitrary<DeviceRecord> = fc
  .record({
    deviceType: fc.constantFrom('WaterMeter', 'GasMeter'),
    location: fc.constantFrom('Shenzhen', 'Shanghai', 'Beijing'),
    groupNames: fc.subarray(['beta', 'alpha']),
    firmwareVersion: fc.constantFrom(0, 2, 3, 5, '2', undefined),
  })
  .map((fields) => ({
    id: '',
    deviceType: fields.deviceType,
    location: fields.location,
    groupNames: fields.groupNames,
    facts: fields.firmwareVersion === undefined ? {} : { firmwareVersion: fields.firmwareVersion },
  }));

const fleetArb = fc
  .array(recordArb, { minLength: 1, maxLength: 60 })
  .map((records) => records.map((record, index) => ({ ...record, id: `dev_${index}` })));

describe('planning a Rules target', () => {
  it('targets exactly the devices the predicate matches, minus exclusions, with or without pushdown', async () => {
    const compiled = compileConditions(rule);
    if (compiled.kind !== 'compiled') throw new Error('expected a compiled rule');
    await fc.assert(
      fc.asyncProperty(fleetArb, fc.boolean(), async (fleet, withPushdown) => {
        const memory = new InMemoryDirectory(fleet);
        const { directory, queries } = spied(
          memory,
          withPushdown ? memory.selectors : new Set(['Broadcast'] as const),
        );
        const expected = fleet
          .filter((record) => compiled.evaluate(record) === 'matched')
          .map((record) => record.id);
        const exclude = expected.slice(0, 1);
        const planned = plan(campaignOf({ type: 'Rules', conditions: rule, exclude }), { directory });
        if (expected.length <= exclude.length) {
          const error = (await planned.catch((reason: unknown) => reason)) as PlanningError;
          expect(error.code).toBe('FLEETCAST_EMPTY_TARGET');
        } else {
          const ids = (await planned).tasks.flatMap((task) =>
            task.kind === 'explicit' ? task.deviceIds : [],
          );
          expect(ids).toEqual(expected.slice(exclude.length));
        }
        expect(queries).toEqual([
          withPushdown ? { type: 'DeviceType', deviceType: 'WaterMeter' } : { type: 'Broadcast' },
        ]);
      }),
      { numRuns: 1000 },
    );
  });

  it('pushes down a group or a location when that is what the top-level all pins', async () => {
    const memory = new InMemoryDirectory([{ id: 'a', location: 'Shenzhen', groupIds: ['g1'] }]);
    const byGroup = spied(memory);
    await plan(
      campaignOf({
        type: 'Rules',
        conditions: { all: [{ fact: 'groupIds', operator: 'contains', value: 'g1' }] },
      }),
      { directory: byGroup.directory },
    );
    expect(byGroup.queries).toEqual([{ type: 'GroupIdList', groupIds: ['g1'] }]);
    const byLocation = spied(memory);
    await plan(
      campaignOf({
        type: 'Rules',
        conditions: { all: [{ fact: 'location', operator: 'equal', value: 'Shenzhen' }] },
      }),
      { directory: byLocation.directory },
    );
    expect(byLocation.queries).toEqual([{ type: 'DeviceArea', location: 'Shenzhen' }]);
    // A root any (read before all by json-rules-engine) pins nothing.
    const anyRoot = { any: [], all: [{ fact: 'location', operator: 'equal', value: 'X' }] } as RuleCondition;
    expect(rulesPushdownQuery(anyRoot, memory.selectors)).toBeUndefined();
    // A decorated or path-bearing leaf pins nothing either.
    const decorated: RuleCondition = { all: [{ fact: 'deviceType', operator: 'not:equal', value: 'X' }] };
    expect(rulesPushdownQuery(decorated, memory.selectors)).toBeUndefined();
  });

  it('reports unevaluable devices in strict mode instead of dropping them', async () => {
    const directory = new InMemoryDirectory([
      {
        id: 'ok',
        deviceType: 'WaterMeter',
        location: 'Shenzhen',
        groupNames: [],
        facts: { firmwareVersion: 1 },
      },
      { id: 'no_fw', deviceType: 'WaterMeter', location: 'Shenzhen', groupNames: [] },
    ]);
    const campaign = campaignOf({ type: 'Rules', conditions: rule });
    const failure = await plan(campaign, { directory, rules: { strict: true } }).catch(
      (error: unknown) => error,
    );
    expect(RulesUnevaluableError.isInstance(failure)).toBe(true);
    expect((failure as RulesUnevaluableError).count).toBe(1);
    expect((failure as RulesUnevaluableError).message).toContain(
      'no_fw (fact "firmwareVersion" is not defined',
    );

    const reported: UnevaluableDevice[] = [];
    const { tasks } = await plan(campaign, {
      directory,
      rules: { strict: true, onUnevaluable: (d) => reported.push(d) },
    });
    expect(tasks.flatMap((task) => (task.kind === 'explicit' ? task.deviceIds : []))).toEqual(['ok']);
    expect(reported.map((device) => device.deviceId)).toEqual(['no_fw']);
    // The default error model treats the missing fact as undefined: not targeted, nothing to report.
    expect((await plan(campaign, { directory })).tasks).toHaveLength(1);
  });

  it('runs rules with custom operators on json-rules-engine', async () => {
    const directory = new InMemoryDirectory(
      Array.from(
        { length: 100 },
        (_, n): DeviceRecord => ({ id: `d${n}`, model: n % 4 === 0 ? 'WM-2' : 'GM-1' }),
      ),
    );
    const { tasks } = await plan(
      campaignOf({
        type: 'Rules',
        conditions: { all: [{ fact: 'model', operator: 'startsWith', value: 'WM-' }] },
      }),
      {
        directory,
        rules: {
          customOperators: { startsWith: (a, b) => typeof a === 'string' && a.startsWith(String(b)) },
        },
      },
    );
    expect(tasks.flatMap((task) => (task.kind === 'explicit' ? task.deviceIds : []))).toHaveLength(25);
    // Strict mode on the json-rules-engine path reports json-rules-engine's own reason.
    const reported: UnevaluableDevice[] = [];
    const strict = plan(
      campaignOf({
        type: 'Rules',
        conditions: { all: [{ fact: 'serial', operator: 'startsWith', value: 'X' }] },
      }),
      {
        directory,
        rules: {
          strict: true,
          customOperators: { startsWith: (a, b) => String(a).startsWith(String(b)) },
          onUnevaluable: (device) => reported.push(device),
        },
      },
    );
    expect(((await strict.catch((error: unknown) => error)) as PlanningError).code).toBe(
      'FLEETCAST_EMPTY_TARGET',
    );
    expect(reported).toHaveLength(100);
    expect(reported[0]?.reason).toContain('Undefined fact: serial');
  });

  it('runs rules that read a dynamic fact on json-rules-engine, pushdown kept', async () => {
    const memory = new InMemoryDirectory(
      Array.from(
        { length: 60 },
        (_, n): DeviceRecord => ({
          id: `d${n}`,
          deviceType: n % 2 ? 'WaterMeter' : 'GasMeter',
          facts: { n },
        }),
      ),
    );
    const { directory, queries } = spied(memory);
    const { tasks } = await plan(
      campaignOf({
        type: 'Rules',
        conditions: {
          all: [
            { fact: 'deviceType', operator: 'equal', value: 'WaterMeter' },
            { fact: 'lastDigit', operator: 'equal', value: 1 },
          ],
        },
      }),
      {
        directory,
        rules: {
          dynamicFacts: {
            lastDigit: async (_params, almanac) => ((await almanac.factValue('n')) as number) % 10,
          },
        },
      },
    );
    expect(tasks.flatMap((task) => (task.kind === 'explicit' ? task.deviceIds : []))).toEqual([
      'd1',
      'd11',
      'd21',
      'd31',
      'd41',
      'd51',
    ]);
    expect(queries).toEqual([{ type: 'DeviceType', deviceType: 'WaterMeter' }]);
  });

  it('needs a directory that lists every device unless the rule pins a selector', async () => {
    const memory = new InMemoryDirectory([{ id: 'a', deviceType: 'WaterMeter' }]);
    const groupsOnly = spied(memory, new Set(['GroupIdList'] as const)).directory;
    const error = await plan(campaignOf({ type: 'Rules', conditions: rule }), {
      directory: groupsOnly,
    }).catch((reason: unknown) => reason);
    expect(PlanningError.isInstance(error) && error.code).toBe('FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR');
  });
});
