import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { LEGACY_TASKS, call, legacyHeaders, v5Headers, v5Tasks } from './__test-helpers__/sim-client.js';

let sim: Simulator;
let legacy: Record<string, string>;
let counter = 0;
const FLEET = 800;

type LegacyCounters = Record<
  | 'totalCnt'
  | 'successCnt'
  | 'failCnt'
  | 'timeoutCnt'
  | 'expiredCnt'
  | 'completeCnt'
  | 'progress'
  | 'successRate',
  number
>;
/** Rank of each platform status: a task never moves to a lower rank, and a final status (rank 9) never changes. */
const LEGACY_RANK: Record<string, number> = { Pending: 0, Running: 1, Complete: 9, Timeout: 9 };
const V5_RANK: Record<string, number> = {
  Initializing: 0,
  Waitting: 1,
  Processing: 2,
  Success: 9,
  PartialSuccess: 9,
  Fail: 9,
};

/** Checks that `next` is a known status reachable from `previous` (the one seen before, if any). */
function expectTransition(rank: Record<string, number>, previous: string | undefined, next: string): void {
  expect(Object.keys(rank)).toContain(next);
  if (previous === undefined) return;
  expect(rank[next]).toBeGreaterThanOrEqual(rank[previous] as number);
  if (rank[previous] === 9) expect(next).toBe(previous);
}

type V5Progress = Record<
  'total' | 'processing' | 'success' | 'fail' | 'waitting' | 'fail_wait_retry' | 'stopped' | 'removed',
  number
>;

beforeAll(async () => {
  sim = await startSimulator({
    devices: FLEET,
    seed: 31,
    timeScale: 0,
    rateLimit: { calls: 1_000_000, windowMs: 60_000 },
    unfinishedTaskLimit: { legacy: 1_000_000, v5: 1_000_000 },
  });
  legacy = await legacyHeaders(sim);
});
afterAll(() => sim.close());

const command = { serviceId: 'svc', method: 'run' };
const range = (predicate: (index: number) => boolean) =>
  Array.from({ length: FLEET }, (_, i) => i).filter(predicate);
const ids = (indexes: number[]) => indexes.map((index) => sim.fleet.deviceId(index));

/** A legacy param plus the targets an independent look at the fleet expects. */
const legacySelector = fc.oneof(
  fc
    .array(fc.oneof(fc.integer({ min: 0, max: FLEET - 1 }), fc.constantFrom('ghost_a', 'ghost-b')), {
      minLength: 1,
      maxLength: 60,
    })
    .map((items) => {
      const list = items.map((item) => (typeof item === 'number' ? sim.fleet.deviceId(item) : item));
      return { param: { type: 'DeviceList', deviceList: list }, expected: [...new Set(list)] };
    }),
  fc
    .record({ product: fc.nat(9), withManufacturer: fc.boolean(), withModel: fc.boolean() })
    .map(({ product, withManufacturer, withModel }) => {
      const p = sim.fleet.products[product % sim.fleet.products.length]!;
      const param: Record<string, unknown> = { type: 'DeviceType', deviceType: p.deviceType };
      if (withManufacturer) param.manufacturerId = p.manufacturerId;
      if (withModel) param.model = p.model;
      const expected = range((i) => {
        const d = sim.fleet.device(i).product;
        return (
          d.deviceType === p.deviceType &&
          (!withManufacturer || d.manufacturerId === p.manufacturerId) &&
          (!withModel || d.model === p.model)
        );
      });
      return { param, expected: ids(expected) };
    }),
  fc.nat(15).map((n) => {
    const location = sim.fleet.locations[n % sim.fleet.locations.length]!;
    return {
      param: { type: 'DeviceArea', deviceLocation: location },
      expected: ids(range((i) => sim.fleet.device(i).location === location)),
    };
  }),
  fc
    .record({ groups: fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 3 }), byName: fc.boolean() })
    .map(({ groups, byName }) => {
      const chosen = groups.map((g) => sim.fleet.groups[g % sim.fleet.groups.length]!);
      const wanted = new Set(chosen.map((group) => group.groupId));
      const expected = range((i) => sim.fleet.device(i).groupIds.some((groupId) => wanted.has(groupId)));
      const groupList = chosen.map((group) => (byName ? group.name : group.groupId));
      return { param: { type: byName ? 'GroupList' : 'GroupIdList', groupList }, expected: ids(expected) };
    }),
  fc
    .constant({ param: { type: 'Broadcast' }, expected: [] as string[] })
    .map((value) => ({ ...value, expected: ids(range(() => true)) })),
);

describe('properties', () => {
  it('legacy: the subtasks are exactly the targeted devices, explicit or natively resolved', async () => {
    await fc.assert(
      fc.asyncProperty(legacySelector, async ({ param, expected }) => {
        const answer = await call(sim, 'POST', LEGACY_TASKS, {
          headers: legacy,
          body: {
            taskName: `p${counter++}`,
            taskType: 'DeviceCmd',
            timeout: 10,
            param: { ...param, command },
          },
        });
        expect(answer.status).toBe(200);
        const task = sim.task(answer.body.taskID as string)!;
        if (param.type === 'DeviceList') expect(task.targets).toEqual(expected);
        else expect([...task.targets].sort()).toEqual([...expected].sort());
        expect(task.counts.total).toBe(expected.length);
      }),
      { numRuns: 60 },
    );
  });

  it('v5: the subtasks are exactly targets (deduplicated, unknown IDs included) or the members of targets_filter groups', async () => {
    const selector = fc.oneof(
      fc
        .array(fc.oneof(fc.integer({ min: 0, max: FLEET - 1 }), fc.constantFrom('ghost_a', 'ghost-b')), {
          minLength: 1,
          maxLength: 80,
        })
        .map((items) => {
          const list = items.map((item) => (typeof item === 'number' ? sim.fleet.deviceId(item) : item));
          return { body: { targets: list }, expected: [...new Set(list)], explicit: true };
        }),
      fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 3 }).map((groups) => {
        const chosen = groups.map((g) => sim.fleet.groups[g % sim.fleet.groups.length]!);
        const wanted = new Set(chosen.map((group) => group.groupId));
        return {
          body: { targets_filter: { group_ids: [...wanted] } },
          expected: ids(range((i) => sim.fleet.device(i).groupIds.some((id) => wanted.has(id)))),
          explicit: false,
        };
      }),
    );
    await fc.assert(
      fc.asyncProperty(selector, async ({ body, expected, explicit }) => {
        const answer = await call(sim, 'POST', v5Tasks(sim), {
          headers: v5Headers(sim),
          body: {
            task_name: `v${counter++}`,
            task_type: 'softwareUpgrade',
            document: { package_ids: ['p1'] },
            ...body,
          },
        });
        expect(answer.status).toBe(201);
        const task = sim.task(answer.body.task_id as string)!;
        // An explicit list keeps the client's order (without repeats); a group filter resolves to a set.
        if (explicit) expect(task.targets).toEqual(expected);
        else expect([...task.targets].sort()).toEqual([...expected].sort());
        expect(task.unknownTargets).toEqual(expected.filter((id) => sim.fleet.indexOf(id) < 0));
        expect(task.counts.total).toBe(expected.length);
      }),
      { numRuns: 40 },
    );
  });

  it('counters always add up and statuses move forward in step with them, whatever the timing, rates and outcomes', async () => {
    const step = fc.record({
      advanceMs: fc.integer({ min: 0, max: 4000 }),
      rate: fc.constantFrom(0.5, 3, 20, 200),
      failure: fc.constantFrom(0, 0.2, 0.7),
      timeout: fc.constantFrom(0, 0.1),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.array(step, { minLength: 1, maxLength: 6 }),
        async (size, steps) => {
          const legacyTask = await call(sim, 'POST', LEGACY_TASKS, {
            headers: legacy,
            body: {
              taskName: `c${counter++}`,
              taskType: 'DeviceCmd',
              timeout: 10,
              param: { type: 'DeviceList', deviceList: [...ids(range((i) => i < size)), 'ghost'], command },
            },
          });
          const v5Task = await call(sim, 'POST', v5Tasks(sim), {
            headers: v5Headers(sim),
            body: {
              task_name: `c${counter++}`,
              task_type: 'firmwareUpgrade',
              targets: ids(range((i) => i < size)),
              document: { package_ids: ['p'] },
              task_policy: { retry_count: 1, retry_interval: 0 },
            },
          });
          let legacyStatus: string | undefined;
          let v5Status: string | undefined;
          for (const { advanceMs, rate, failure, timeout } of steps) {
            sim.configure({
              deviceRatePerSecond: rate,
              failureProbability: failure,
              timeoutProbability: timeout,
              legacyTimeoutUnit: 'seconds',
            });
            sim.clock.advance(advanceMs);
            const one = (
              await call(sim, 'GET', `${LEGACY_TASKS}/${legacyTask.body.taskID}`, { headers: legacy })
            ).body as LegacyCounters & { status: string };
            expectTransition(LEGACY_RANK, legacyStatus, one.status);
            legacyStatus = one.status;
            expect(one.totalCnt).toBe(size + 1);
            expect(one.completeCnt).toBe(one.successCnt + one.failCnt + one.timeoutCnt);
            expect(one.completeCnt + one.expiredCnt).toBeLessThanOrEqual(one.totalCnt);
            expect(one.progress).toBe(Math.floor(((one.completeCnt + one.expiredCnt) * 1000) / one.totalCnt));
            expect(one.successRate).toBe(Math.floor((one.successCnt * 1000) / one.totalCnt));
            const details = (
              await call(
                sim,
                'GET',
                `/iocm/app/batchtask/v1.1.0/taskDetails?taskId=${legacyTask.body.taskID}&pageSize=250`,
                { headers: legacy },
              )
            ).body as { taskDetails: { status: string }[] };
            const byStatus = (status: string) =>
              details.taskDetails.filter((detail) => detail.status === status).length;
            expect(byStatus('Success')).toBe(one.successCnt);
            expect(byStatus('Fail')).toBe(one.failCnt);
            expect(byStatus('Timeout')).toBe(one.timeoutCnt + one.expiredCnt);
            expect(byStatus('Pending') + byStatus('WaitResult')).toBe(
              one.totalCnt - one.completeCnt - one.expiredCnt,
            );
            // The status agrees with the counters (the unknown 'ghost' fails at once, even while Pending).
            const legacyOpen = one.totalCnt - one.completeCnt - one.expiredCnt;
            if (one.status === 'Pending') expect(one.completeCnt).toBe(one.failCnt);
            if (one.status === 'Pending') expect(byStatus('WaitResult')).toBe(0);
            if (one.status === 'Pending' || one.status === 'Running') expect(one.expiredCnt).toBe(0);
            if (one.status === 'Running') expect(legacyOpen).toBeGreaterThan(0);
            if (one.status === 'Complete')
              expect([legacyOpen, one.expiredCnt, one.progress]).toEqual([0, 0, 1000]);
            if (one.status === 'Timeout') expect([legacyOpen, one.progress]).toEqual([0, 1000]);

            const shown = (
              await call(sim, 'GET', `${v5Tasks(sim)}/${v5Task.body.task_id}?limit=50`, {
                headers: v5Headers(sim),
              })
            ).body as {
              batchtask: { status: string; task_progress: V5Progress };
              task_details: { status: string }[];
            };
            const progress = shown.batchtask.task_progress;
            const status = shown.batchtask.status;
            expectTransition(V5_RANK, v5Status, status);
            v5Status = status;
            const v5Open = progress.processing + progress.waitting + progress.fail_wait_retry;
            if (status === 'Initializing' || status === 'Waitting')
              expect([progress.waitting, progress.processing]).toEqual([progress.total, 0]);
            if (status === 'Processing') expect(v5Open).toBeGreaterThan(0);
            if (status === 'Success') expect(progress.success).toBe(progress.total);
            if (status === 'PartialSuccess' || status === 'Fail') expect(v5Open).toBe(0);
            if (status === 'PartialSuccess') expect(progress.success).toBeGreaterThan(0);
            if (status === 'PartialSuccess') expect(progress.success).toBeLessThan(progress.total);
            if (status === 'Fail') expect(progress.success).toBe(0);
            const { total, ...parts } = progress;
            expect(Object.values(parts).reduce((sum, n) => sum + n, 0)).toBe(total);
            const v5ByStatus = (status: string) =>
              shown.task_details.filter((detail) => detail.status === status).length;
            expect(v5ByStatus('Success')).toBe(progress.success);
            expect(v5ByStatus('Fail')).toBe(progress.fail);
            expect(v5ByStatus('FailWaitRetry')).toBe(progress.fail_wait_retry);
            expect(v5ByStatus('Processing')).toBe(progress.processing);
            expect(v5ByStatus('Waitting')).toBe(progress.waitting);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
