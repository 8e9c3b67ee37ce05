import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVirtualClock, MemoryCampaignStore, runCampaign } from '../src/index.js';
import { createMemoryAdapter, type MemoryFault } from '../src/testing/index.js';
import { checkInvariants, deviceCampaign, randomFaults } from './__test-helpers__/runner-test-kit.js';

const faultTypes: MemoryFault['type'][] = [
  'server',
  'network',
  'throttled',
  'taskLimit',
  'commitThenDrop',
  'latency',
];

/** One randomly configured platform and campaign; every fault comes from `seed`. */
const scenario = fc.record({
  devices: fc.integer({ min: 1, max: 120 }),
  maxTargetsPerTask: fc.integer({ min: 3, max: 40 }),
  findTaskByName: fc.boolean(),
  rejectsDuplicateNames: fc.boolean(),
  unfinishedLimit: fc.integer({ min: 1, max: 6 }),
  unfinishedTaskPolicy: fc.constantFrom('reject' as const, 'queue' as const),
  declareLimit: fc.boolean(),
  faultRate: fc.constantFrom(0, 0.1, 0.3),
  faults: fc.subarray(faultTypes, { minLength: 1 }),
  seed: fc.integer(),
  concurrency: fc.integer({ min: 1, max: 4 }),
  failEveryNth: fc.integer({ min: 0, max: 7 }),
});

describe('runner against the memory platform with seeded faults (model-based)', () => {
  it('creates each task at most once, never duplicates a name, and reports what the platform holds', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const clock = createVirtualClock();
        const adapter = createMemoryAdapter({
          clock,
          capabilities: {
            maxTargetsPerTask: s.maxTargetsPerTask,
            findTaskByName: s.findTaskByName,
            rejectsDuplicateNames: s.rejectsDuplicateNames,
            maxUnfinishedTasks: s.declareLimit ? s.unfinishedLimit : 'unknown',
            rateLimitPerMinute: 60,
          },
          enforcedMaxUnfinishedTasks: s.unfinishedLimit,
          unfinishedTaskPolicy: s.unfinishedTaskPolicy,
          taskDurationMs: 90_000,
          deviceOutcome: (id) =>
            s.failEveryNth > 0 && Number(id.slice(1)) % s.failEveryNth === 0 ? 'failed' : 'succeeded',
          fault: randomFaults(s.seed, s.faultRate, s.faults),
        });
        const report = await runCampaign(deviceCampaign(s.devices), {
          adapter,
          clock,
          store: new MemoryCampaignStore(),
          concurrency: s.concurrency,
          retry: { random: () => 0.5 },
        }).result;
        expect(checkInvariants(adapter, report, s.devices)).toEqual([]);
        expect(report.status).toBe('completed');
        // Every create either landed or was given up for a stated reason.
        for (const task of report.tasks)
          expect(['succeeded', 'partiallySucceeded', 'failed', 'createFailed', 'unknown']).toContain(
            task.state,
          );
        if (s.findTaskByName) {
          // With look-up, ambiguity always resolves: nothing stays unknown, the report is exact.
          expect(report.tasks.filter((task) => task.created === 'unknown')).toEqual([]);
        }
        if (s.faultRate === 0 || !s.faults.includes('throttled')) {
          // Throttles only ever come from injected faults: the budget itself never causes one.
          expect(adapter.calls.filter((call) => call.outcome === 'throttled')).toEqual([]);
        }
        const totals = report.totals;
        expect(
          totals.succeeded +
            totals.failed +
            totals.timedOut +
            totals.stopped +
            totals.unknown +
            totals.notCreated,
        ).toBe(s.devices);
      }),
      // A run that hangs fails its case (and fast-check shrinks it) instead of timing out the whole test.
      { numRuns: Number(process.env.RUNS ?? 150), timeout: 20_000 },
    );
  });
});
