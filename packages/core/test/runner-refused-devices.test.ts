import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Campaign,
  createVirtualClock,
  type DeviceDirectory,
  type DeviceRecord,
  isValidDeviceId,
  MemoryCampaignStore,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter } from '../src/testing/index.js';

/** A directory that yields exactly these records (repeats and bad IDs included), `batchSize` at a time. */
function rawDirectory(records: readonly DeviceRecord[], batchSize: number): DeviceDirectory {
  return {
    selectors: new Set(['Broadcast']),
    async *devices() {
      for (let start = 0; start < records.length; start += batchSize)
        yield records.slice(start, start + batchSize);
    },
  };
}

const campaign: Campaign = {
  name: 'refused',
  target: { type: 'Broadcast', exclude: [] },
  operation: { type: 'deleteDevices' },
};
const id = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 30 }).map((n) => `dev-${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('bad id!', 'x'.repeat(130)) },
);

describe('runCampaign: devices the plan refuses', () => {
  it('sends each device once, and reports the repeats and the skipped invalid IDs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(id, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        async (ids, batchSize) => {
          const valid = ids.filter((candidate) => isValidDeviceId(candidate));
          fc.pre(valid.length > 0);
          const clock = createVirtualClock();
          const adapter = createMemoryAdapter({
            clock,
            capabilities: { nativeSelectors: [], maxTargetsPerTask: 7 },
          });
          const report = await runCampaign(campaign, {
            adapter,
            clock,
            store: new MemoryCampaignStore(),
            directory: rawDirectory(
              ids.map((deviceId) => ({ id: deviceId })),
              batchSize,
            ),
            skipInvalidDevices: true,
          }).result;
          const sent = adapter.tasks.flatMap((task) => task.deviceIds ?? []);
          expect(new Set(sent).size).toBe(sent.length);
          expect(new Set(sent)).toEqual(new Set(valid));
          const duplicates = valid.length - new Set(valid).size;
          const invalid = ids.length - valid.length;
          if (duplicates + invalid === 0) expect(report.refused).toBeUndefined();
          else expect(report.refused).toMatchObject({ duplicates, invalid });
        },
      ),
      { numRuns: 100 },
    );
  });
});
