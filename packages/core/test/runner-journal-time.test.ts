import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createVirtualClock,
  type JournalRecord,
  MemoryCampaignStore,
  resumeCampaign,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter } from '../src/testing/index.js';
import { deviceCampaign } from './__test-helpers__/runner-test-kit.js';
import { waveCampaign } from './__test-helpers__/runner-waves-kit.js';

async function readAll(store: MemoryCampaignStore, campaignId: string): Promise<JournalRecord[]> {
  const records: JournalRecord[] = [];
  for await (const record of store.read(campaignId)) records.push(record);
  return records;
}

function platform(perTask: number) {
  // The run's clock starts at 0 and jumps by minutes: nothing like wall-clock time.
  const clock = createVirtualClock();
  const adapter = createMemoryAdapter({
    clock,
    capabilities: { maxTargetsPerTask: perTask, rateLimitPerMinute: 600, maxUnfinishedTasks: 3 },
    taskDurationMs: 120_000,
  });
  return { clock, adapter };
}

describe('journal times', () => {
  it('every record of every type carries wall-clock epoch ms, in order, whatever the run clock says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        async (devices, perTask, withWaves) => {
          const { clock, adapter } = platform(perTask);
          const store = new MemoryCampaignStore();
          const campaign = withWaves
            ? waveCampaign(devices, { waves: [{ percent: 30 }, { percent: 100 }] })
            : deviceCampaign(devices);
          const before = Date.now();
          const report = await runCampaign(campaign, { adapter, clock, store, campaignId: 'c' }).result;
          const after = Date.now();
          const records = await readAll(store, 'c');
          expect(records.length).toBeGreaterThan(2);
          for (const record of records) {
            expect(record.at).toBeGreaterThanOrEqual(before);
            expect(record.at).toBeLessThanOrEqual(after);
          }
          const times = records.map((record) => record.at);
          expect(times).toEqual([...times].sort((a, b) => a - b));
          // The run itself took minutes on its clock: the journal did not copy them.
          expect(report.wallTimeMs).toBeGreaterThan(after - before);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('resumes a journal written before, whose `at` held the run clock (not wall time), without duplicates', async () => {
    const { clock, adapter } = platform(5);
    const store = new MemoryCampaignStore();
    const stop = new AbortController();
    const run = runCampaign(deviceCampaign(40), {
      adapter,
      clock,
      store,
      campaignId: 'old',
      signal: stop.signal,
    });
    run.on('task-created', (event) => {
      if (event.index === 2) stop.abort();
    });
    expect((await run.result).status).toBe('cancelled');
    // Rewrite it the way an older fleetcast wrote it: epoch ms first, process-relative ms after.
    const records = await readAll(store, 'old');
    const oldStore = new MemoryCampaignStore();
    for (const [index, record] of records.entries())
      await oldStore.append('old', { ...record, at: index === 0 ? record.at : 1_000 + index });
    const resumed = await resumeCampaign('old', { adapter, clock, store: oldStore }).result;
    expect(resumed.status).toBe('completed');
    const names = adapter.tasks.map((task) => task.name);
    expect(new Set(names).size).toBe(names.length);
    expect(adapter.tasks.flatMap((task) => task.deviceIds ?? [])).toHaveLength(40);
  });
});
