import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  campaignResults,
  createVirtualClock,
  type DeviceResult,
  MemoryCampaignStore,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter, type MemoryFault } from '../src/testing/index.js';
import { deviceCampaign, seededRandom } from './__test-helpers__/runner-test-kit.js';

async function collect(results: AsyncIterable<DeviceResult>): Promise<DeviceResult[]> {
  const all: DeviceResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

describe('campaignResults', () => {
  it('every planned device exactly once, in the platform’s state; pages = ceil(subtasks/50) per task, through the budget', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 20, max: 120 }),
        fc.integer(),
        fc.integer({ min: 0, max: 6 }),
        async (devices, perTask, seed, cancelAfter) => {
          const clock = createVirtualClock();
          const random = seededRandom(seed);
          const outcomes = new Map<string, 'succeeded' | 'failed' | 'timedOut'>();
          const refused = new Set<number>();
          let creates = 0;
          const adapter = createMemoryAdapter({
            clock,
            capabilities: { maxTargetsPerTask: perTask },
            deviceOutcome: (id) => {
              if (!outcomes.has(id)) {
                const draw = random();
                outcomes.set(id, draw < 0.2 ? 'failed' : draw < 0.3 ? 'timedOut' : 'succeeded');
              }
              return outcomes.get(id) as 'succeeded';
            },
            fault: (route) => {
              if (route !== 'create') return undefined;
              creates += 1;
              if (creates % 3 === 2) {
                refused.add(creates);
                return { type: 'invalidInput' } as MemoryFault;
              }
              return undefined;
            },
          });
          const store = new MemoryCampaignStore();
          const stop = new AbortController();
          const run = runCampaign(deviceCampaign(devices), {
            adapter,
            clock,
            store,
            campaignId: 'r',
            signal: stop.signal,
          });
          let seen = 0;
          run.on('task-created', () => {
            seen += 1;
            if (cancelAfter > 0 && seen === cancelAfter) stop.abort();
          });
          const report = await run.result;
          // Let every created task run to its end, then read.
          await clock.sleep(3_600_000);
          const listsBefore = adapter.calls.filter((call) => call.route === 'list').length;
          const results = await collect(campaignResults('r', { adapter, store, clock }));
          const ids = results.map((result) => result.deviceId);
          expect(new Set(ids).size).toBe(ids.length);
          expect([...ids].sort()).toEqual(Array.from({ length: devices }, (_, index) => `d${index}`).sort());
          const createdIds = new Set(adapter.tasks.flatMap((task) => task.deviceIds ?? []));
          for (const result of results) {
            const task = report.tasks[result.index];
            if (createdIds.has(result.deviceId)) expect(result.state).toBe(outcomes.get(result.deviceId));
            else expect(result.state).toBe(task?.state === 'createFailed' ? 'createFailed' : 'notCreated');
            expect(result.attempts).toBe(1);
          }
          const expectedPages = adapter.tasks.reduce((sum, task) => sum + Math.ceil(task.total / 50), 0);
          expect(adapter.calls.filter((call) => call.route === 'list').length - listsBefore).toBe(
            expectedPages,
          );
          // `states` filters the same stream.
          const failed = await collect(
            campaignResults('r', { adapter, store, clock, states: ['failed', 'timedOut'] }),
          );
          expect(failed.map((result) => result.deviceId).sort()).toEqual(
            results
              .filter((result) => result.state === 'failed' || result.state === 'timedOut')
              .map((result) => result.deviceId)
              .sort(),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('pages are platform calls: they wait out throttles and retry 5xx, never over the rate limit', async () => {
    const clock = createVirtualClock();
    const random = seededRandom(7);
    const adapter = createMemoryAdapter({
      clock,
      capabilities: { maxTargetsPerTask: 1000, rateLimitPerMinute: 20 },
      fault: (route) =>
        route === 'list' && random() < 0.3 ? ({ type: 'server' } as MemoryFault) : undefined,
    });
    const store = new MemoryCampaignStore();
    await runCampaign(deviceCampaign(2000), { adapter, clock, store, campaignId: 'big' }).result;
    const results = await collect(
      campaignResults('big', { adapter, store, clock, retry: { maxAttempts: 20 } }),
    );
    expect(results).toHaveLength(2000);
    expect(adapter.calls.some((call) => call.outcome === 'throttled')).toBe(false);
  });
});
