import {
  type AdapterV1,
  type Campaign,
  PlatformError,
  type TaskPlanV1,
  type TargetSpec,
  validateCampaign,
} from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorAdapter } from './__test-helpers__/runner-simulator-kit.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 50, seed: 3 });
  sim.configure({
    rateLimit: { calls: 1_000_000, windowMs: 60_000 },
    unfinishedTaskLimit: { v5: 1_000_000, legacy: 1_000_000 },
  });
});
afterAll(() => sim.close());

/** A string of exactly `length` characters (letters, so only the length can be wrong). */
const ofLength = (lengths: readonly number[]) =>
  fc.constantFrom(...lengths).map((length) => 'a'.repeat(length));

/** The task the runner would send for `campaign`: its list, or its selector natively. */
function taskOf(campaign: Campaign): TaskPlanV1 {
  const target = campaign.target as TargetSpec;
  if (target.type === 'DeviceList')
    return { kind: 'explicit', name: campaign.name, index: 0, deviceIds: target.deviceIds };
  return { kind: 'native', name: campaign.name, index: 0, target: target as never };
}

/** Whether the platform (the simulator's own field checks) takes the create: refused = any invalidInput, or the adapter refusing to build it. */
async function platformAccepts(
  adapter: AdapterV1,
  campaign: Campaign,
): Promise<{ accepted: boolean; why?: string }> {
  try {
    await adapter.doCreateTask({
      task: taskOf(campaign),
      operation: campaign.operation,
      policy: campaign.policy,
    });
    return { accepted: true };
  } catch (error) {
    // The fields passed the platform's checks; the group it names just does not exist there.
    if (PlatformError.isInstance(error) && error.kind === 'notFound') return { accepted: true };
    if (PlatformError.isInstance(error) && error.kind !== 'invalidInput') throw error;
    return { accepted: false, why: (error as Error).message };
  }
}

async function agree(adapter: AdapterV1, campaign: Campaign) {
  const issues = validateCampaign(campaign, {
    adapter: { name: adapter.name, capabilities: adapter.capabilities },
  });
  const platform = await platformAccepts(adapter, campaign);
  // Validation refuses everything the platform refuses, and nothing it accepts (over these fields).
  expect({ valid: issues.length === 0, issues: issues.map((issue) => issue.message) }).toMatchObject({
    valid: platform.accepted,
  });
  if (!platform.accepted) expect(issues.length, platform.why).toBeGreaterThan(0);
}

const deviceList = fc.constant<TargetSpec>({ type: 'DeviceList', deviceIds: ['dev-1', 'dev-2'] });

describe('validation and the simulator agree on every field the adapters send', () => {
  it('v5: package IDs, group IDs, command fields, expire time', async () => {
    const adapter = simulatorAdapter(sim, 'v5');
    const operation = fc.oneof(
      fc.record({
        type: fc.constant('firmwareUpgrade' as const),
        packageIds: fc.array(ofLength([1, 63, 64, 65]), { minLength: 1, maxLength: 12 }),
      }),
      fc.record({
        type: fc.constant('command' as const),
        serviceId: ofLength([1, 64, 65]),
        commandName: ofLength([1, 128, 129]),
        paras: fc.constant({}),
      }),
      fc.record({
        type: fc.constant('asyncCommand' as const),
        serviceId: ofLength([1, 64]),
        commandName: ofLength([1, 128]),
        paras: fc.constant({}),
        expireTime: fc.constantFrom(0, 172_800, 172_801),
      }),
    );
    const target = fc.oneof(
      deviceList,
      fc.record({
        type: fc.constantFrom('Filter' as const, 'GroupIdList' as const),
        groupIds: fc.array(ofLength([1, 64, 65]), { minLength: 1, maxLength: 3 }),
      }),
    );
    let index = 0;
    await fc.assert(
      fc.asyncProperty(operation, target, async (op, spec) => {
        const campaign = { name: `agree_v5_${index++}`, target: spec, operation: op } as Campaign;
        await agree(adapter, campaign);
      }),
      { numRuns: 150 },
    );
    await (adapter as AdapterV1 & { close(): Promise<void> }).close();
  });

  it('legacy: selector values, group names, command fields, callbackUrl, groupTag', async () => {
    const adapter = simulatorAdapter(sim, 'legacy');
    const target = fc.oneof(
      deviceList,
      fc.record(
        {
          type: fc.constant('DeviceType' as const),
          deviceType: ofLength([1, 256, 257]),
          model: ofLength([1, 256, 257]),
          manufacturerId: ofLength([1, 257]),
        },
        { requiredKeys: ['type', 'deviceType'] },
      ),
      fc.record({ type: fc.constant('DeviceArea' as const), location: ofLength([1, 256, 257]) }),
      fc.record({
        type: fc.constant('GroupList' as const),
        groupNames: fc.array(ofLength([1, 256, 257]), { minLength: 1, maxLength: 3 }),
      }),
    );
    const operation = fc.record({
      type: fc.constant('command' as const),
      serviceId: ofLength([1, 64, 65]),
      commandName: ofLength([1, 128, 129]),
    });
    const policy = fc.record(
      {
        callbackUrl: fc
          .constantFrom(30, 1024, 1025)
          .map((length) => `https://x.example/${'a'.repeat(length - 18)}`),
        groupTag: ofLength([1, 256, 257]),
      },
      { requiredKeys: [] },
    );
    let index = 0;
    await fc.assert(
      fc.asyncProperty(target, operation, policy, async (spec, op, pol) => {
        const campaign = {
          name: `agree_legacy_${index++}`,
          target: spec,
          operation: op,
          policy: pol,
        } as Campaign;
        await agree(adapter, campaign);
      }),
      { numRuns: 150 },
    );
    await (adapter as AdapterV1 & { close(): Promise<void> }).close();
  });
});
