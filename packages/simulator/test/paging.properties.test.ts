import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { FIRST_MARKER, pageSorted } from '../src/v5/v5-paging.js';
import { LEGACY_TASKS, call, legacyHeaders, v5Headers, v5Tasks } from './__test-helpers__/sim-client.js';

const FLEET = 800;
let counter = 0;
let sim: Simulator;
let legacy: Record<string, string>;

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

describe('paging properties', () => {
  it('paging returns every record once, via marker and via offset (model over sorted IDs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 50 }), (count, limit) => {
        const idOf = (position: number) => (10 ** 9 - position).toString(16).padStart(24, '0');
        const viaMarker: number[] = [];
        let marker = FIRST_MARKER;
        for (;;) {
          const { items, page } = pageSorted(count, (p) => p, idOf, { limit, marker, offset: 0 });
          if (items.length === 0) break;
          viaMarker.push(...items);
          expect(page.marker).toBe(idOf(items[items.length - 1]!));
          expect(page.count).toBe(count);
          marker = page.marker;
        }
        expect(viaMarker).toEqual(Array.from({ length: count }, (_, i) => i));
        // Offset paging up to the 500 cap, then continue from the marker of the last page.
        const viaOffset: number[] = [];
        marker = FIRST_MARKER;
        let offset = 0;
        for (;;) {
          const { items, page } = pageSorted(count, (p) => p, idOf, { limit, marker, offset });
          if (items.length === 0) break;
          viaOffset.push(...items);
          if (offset + 2 * limit > 500) {
            marker = page.marker;
            offset = 0;
          } else offset += limit;
        }
        expect(viaOffset).toEqual(viaMarker);
      }),
      { numRuns: 1000 },
    );
  });

  it('paging over HTTP returns every record once: v5 list and task_details by marker and by offset, legacy taskDetails by pageNo', async () => {
    /** Follows one paging scheme until an empty page; `path` builds the next request from the last answer. */
    const pageAll = async <T>(
      path: (previous: Record<string, unknown> | undefined, pages: number) => string,
      headers: Record<string, string>,
      items: (answer: Record<string, unknown>) => T[],
    ): Promise<T[]> => {
      const seen: T[] = [];
      let previous: Record<string, unknown> | undefined;
      for (let pages = 0; ; pages++) {
        const answer = await call(sim, 'GET', path(previous, pages), { headers });
        expect(answer.status).toBe(200);
        const page = items(answer.body);
        if (page.length === 0) return seen;
        seen.push(...page);
        previous = answer.body;
      }
    };
    const markerOf = (answer: Record<string, unknown> | undefined) =>
      answer === undefined ? '' : `&marker=${(answer.page as { marker: string }).marker}`;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 12 }),
        async (taskCount, detailCount, limit) => {
          const taskType = `createMessages`;
          sim.reset();
          legacy = await legacyHeaders(sim);
          const targets = ids(range((d) => d < detailCount));
          const created: string[] = [];
          for (let i = 0; i < taskCount; i++) {
            const answer = await call(sim, 'POST', v5Tasks(sim), {
              headers: v5Headers(sim),
              body: { task_name: `m${counter++}`, task_type: taskType, targets, document: { message: 'hi' } },
            });
            created.push(answer.body.task_id as string);
          }
          const v5 = v5Headers(sim);
          const list = `${v5Tasks(sim)}?task_type=${taskType}&limit=${limit}`;
          const taskIds = (answer: Record<string, unknown>) =>
            (answer.batchtasks as { task_id: string }[]).map((task) => task.task_id);
          const newestFirst = [...created].reverse();
          expect(await pageAll((previous) => `${list}${markerOf(previous)}`, v5, taskIds)).toEqual(
            newestFirst,
          );
          expect(await pageAll((_, pages) => `${list}&offset=${pages * limit}`, v5, taskIds)).toEqual(
            newestFirst,
          );
          const details = `${v5Tasks(sim)}/${created[0]}?limit=${limit}`;
          const detailTargets = (answer: Record<string, unknown>) =>
            (answer.task_details as { target: string }[]).map((detail) => detail.target);
          expect(await pageAll((previous) => `${details}${markerOf(previous)}`, v5, detailTargets)).toEqual(
            targets,
          );
          expect(
            await pageAll((_, pages) => `${details}&offset=${pages * limit}`, v5, detailTargets),
          ).toEqual(targets);
          const legacyTask = await call(sim, 'POST', LEGACY_TASKS, {
            headers: legacy,
            body: {
              taskName: `l${counter++}`,
              taskType: 'DeviceCmd',
              timeout: 10,
              param: { type: 'DeviceList', deviceList: targets, command },
            },
          });
          const legacyPages = (_: unknown, pageNo: number) =>
            `/iocm/app/batchtask/v1.1.0/taskDetails?taskId=${legacyTask.body.taskID}&pageSize=${limit}&pageNo=${pageNo}`;
          const devices = (answer: Record<string, unknown>) => {
            expect(answer.totalCount).toBe(detailCount);
            return (answer.taskDetails as { param: { deviceId: string } }[]).map(
              (item) => item.param.deviceId,
            );
          };
          expect(await pageAll(legacyPages, legacy, devices)).toEqual(targets);
        },
      ),
      { numRuns: 25 },
    );
  });
});
