import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVirtualClock, MemoryCampaignStore, runCampaign } from '../src/index.js';
import { createMemoryAdapter, type MemoryFault } from '../src/testing/index.js';
import { deviceCampaign } from './__test-helpers__/runner-test-kit.js';

type CreateFault = 'commitThenDrop' | 'network' | 'server' | 'none';
const ambiguous: ReadonlySet<CreateFault> = new Set(['commitThenDrop', 'network', 'server']);

/** A platform that refuses duplicate names but cannot be asked by name (legacy), with scripted create faults. */
async function runWith(faults: readonly CreateFault[], maxAttempts: number) {
  const clock = createVirtualClock();
  let creates = 0;
  const adapter = createMemoryAdapter({
    clock,
    capabilities: { findTaskByName: false, rejectsDuplicateNames: true, maxTargetsPerTask: 10 },
    fault: (route) => {
      if (route !== 'create') return undefined;
      const type = faults[creates++] ?? 'none';
      return type === 'none' ? undefined : ({ type } as MemoryFault);
    },
  });
  const report = await runCampaign(deviceCampaign(5), {
    adapter,
    clock,
    store: new MemoryCampaignStore(),
    retry: { maxAttempts, random: () => 0.5 },
  }).result;
  return { adapter, report, creates };
}

describe('legacy-like platforms: the duplicate-name refusal settles an ambiguous create', () => {
  it('after attempts run out following an ambiguous failure, makes one more create and reads 105002 as created', async () => {
    // The first call commits and loses its answer; the retries fail without effect; attempts run out.
    const { adapter, report, creates } = await runWith(['commitThenDrop', 'network', 'server'], 3);
    expect(adapter.tasks).toHaveLength(1);
    expect(creates).toBe(4);
    // Settled as created (the platform proved it), not `created: 'unknown'`; legacy gives no ID to follow it by.
    expect(report.tasks[0]).toMatchObject({ name: 'camp', created: true });
  });

  it('never creates twice, and reports unknown only when the last create (the final probe) was itself ambiguous', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<CreateFault>('commitThenDrop', 'network', 'server', 'none'), {
          maxLength: 8,
        }),
        fc.integer({ min: 1, max: 4 }),
        async (faults, maxAttempts) => {
          const { adapter, report, creates } = await runWith(faults, maxAttempts);
          expect(adapter.tasks.length).toBeLessThanOrEqual(1);
          const task = report.tasks[0]!;
          const lastFault = faults[creates - 1] ?? 'none';
          if (task.created === 'unknown') expect(ambiguous.has(lastFault)).toBe(true);
          if (adapter.tasks.length === 1 && !ambiguous.has(lastFault)) expect(task.created).toBe(true);
          if (adapter.tasks.length === 0) expect(task.created).not.toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
