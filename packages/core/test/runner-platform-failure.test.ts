import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createVirtualClock,
  type JournalRecord,
  MemoryCampaignStore,
  resumeCampaign,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter, type MemoryRoute } from '../src/testing/index.js';
import { checkInvariants, deviceCampaign } from './__test-helpers__/runner-test-kit.js';

async function journalOf(store: MemoryCampaignStore, campaignId: string): Promise<JournalRecord[]> {
  const records: JournalRecord[] = [];
  for await (const record of store.read(campaignId)) records.push(record);
  return records;
}

/** A platform whose credentials are refused from call `from` of `route` on, until `fixed()` is called. */
function revokedAfter(route: MemoryRoute, from: number) {
  let calls = 0;
  let revoked = true;
  return {
    fault: (at: MemoryRoute) => {
      if (!revoked) return undefined;
      if (at === route) calls += 1;
      return at === route && calls > from ? { type: 'auth' as const } : undefined;
    },
    fixed: () => {
      revoked = false;
    },
  };
}

describe('a platform-wide failure ends the run', () => {
  it('an authentication refusal on a create ends the run at once: failed, the reason, the rest notCreated; resume creates them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 2 }),
        async (from, concurrency) => {
          const clock = createVirtualClock();
          const token = revokedAfter('create', from);
          const adapter = createMemoryAdapter({
            clock,
            capabilities: { maxTargetsPerTask: 10 },
            fault: token.fault,
          });
          const store = new MemoryCampaignStore();
          const campaign = deviceCampaign(60);
          const run = runCampaign(campaign, { adapter, clock, store, campaignId: 'c1', concurrency });
          const failedEvents: string[] = [];
          run.on('task-failed', (event) => failedEvents.push(event.name));
          const report = await run.result;
          expect(report.status).toBe('failed');
          expect(report.failure).toMatchObject({ kind: 'auth', code: 'FLEETCAST_PLATFORM_AUTH' });
          // No task is blamed for the credentials; every task not created is notCreated.
          expect(failedEvents).toEqual([]);
          expect(report.tasks.filter((task) => task.state === 'createFailed')).toEqual([]);
          expect(report.tasks.filter((task) => task.created === true)).toHaveLength(from);
          expect(report.totals.failed).toBe(0);
          expect(report.totals.notCreated).toBe(60 - from * 10);
          // At once: at most one refused create per create slot, not one per remaining task.
          const refused = adapter.calls.filter((call) => call.outcome === 'auth').length;
          expect(refused).toBeLessThanOrEqual(concurrency);
          const journal = await journalOf(store, 'c1');
          expect(journal.some((record) => record.type === 'task-create-failed')).toBe(false);
          expect(journal.at(-1)).toMatchObject({ type: 'campaign-finished', status: 'failed' });

          token.fixed();
          const resumed = await resumeCampaign('c1', { adapter, clock, store }).result;
          expect(resumed.status).toBe('completed');
          expect(resumed.totals).toMatchObject({ targeted: 60, succeeded: 60, notCreated: 0 });
          expect(checkInvariants(adapter, resumed, 60)).toEqual([]);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('an authentication refusal on a status poll ends the run as failed too', async () => {
    const clock = createVirtualClock();
    const token = revokedAfter('get', 0);
    const adapter = createMemoryAdapter({
      clock,
      capabilities: { maxTargetsPerTask: 10 },
      fault: token.fault,
    });
    const store = new MemoryCampaignStore();
    const report = await runCampaign(deviceCampaign(20), { adapter, clock, store, campaignId: 'c2' }).result;
    expect(report.status).toBe('failed');
    expect(report.failure?.kind).toBe('auth');
    expect(adapter.calls.filter((call) => call.route === 'get')).toHaveLength(1);
    token.fixed();
    const resumed = await resumeCampaign('c2', { adapter, clock, store }).result;
    expect(resumed.status).toBe('completed');
    expect(adapter.tasks).toHaveLength(2);
  });
});
