import type { Campaign, TaskPlanV1 } from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createV5Adapter, V5ClockSkewError, type V5AdapterSettings } from '../src/index.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 200, seed: 9, timeScale: 0, failureProbability: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  sim.configure({ v5Signing: 'any', rateLimit: { calls: 100_000 }, deviceRatePerSecond: 1 });
});

const adapterWith = (extra: Partial<V5AdapterSettings>) =>
  createV5Adapter({
    endpoint: sim.url,
    projectId: sim.credentials.v5.projectId,
    credentials: { accessKey: sim.credentials.v5.accessKey, secretKey: sim.credentials.v5.secretKey },
    region: 'cn-north-4',
    ...extra,
  });

const campaign = (deviceIds: string[]): Campaign => ({
  name: 'fw',
  target: { type: 'DeviceList', deviceIds },
  operation: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
});

describe('v5 adapter on AK/SK against the simulator gateway', () => {
  it.each([
    ['plain', { signingAlgorithm: 'SDK-HMAC-SHA256' as const }, 'SDK-HMAC-SHA256' as const],
    ['derived (chosen for a non-region host)', {}, 'V11-HMAC-SHA256' as const],
  ])(
    '%s: create, poll, list, find, subtasks, stop, retry and directory pages all verify',
    async (_, extra, only) => {
      // The gateway accepts only this algorithm, so a call signed otherwise would fail loudly.
      sim.configure({ v5Signing: only });
      const adapter = adapterWith(extra);
      const ids = Array.from({ length: 100 }, (_, index) => sim.fleet.deviceId(index));
      const task: TaskPlanV1 = { kind: 'explicit', name: 'fw_0001', index: 0, deviceIds: ids };
      const { taskId } = await adapter.doCreateTask({ ...campaign(ids), task });
      await expect(adapter.doGetTask({ taskId })).resolves.toMatchObject({ taskId });
      await expect(adapter.doFindTaskByName!({ ...campaign(ids), name: 'fw_0001' })).resolves.toEqual({
        taskId,
      });
      const page = await adapter.doListTaskDevices!({ taskId, pageSize: 2 });
      expect(page.items.length).toBe(2);
      sim.clock.advance(3_000);
      await adapter.doStopTask({ taskId, deviceIds: [ids[0] as string] });
      await adapter.doRetryTask({ taskId });
      const group = sim.fleet.groups[0];
      let listed = 0;
      for await (const batch of adapter.doOpenDirectory!({}).devices({
        type: 'GroupList',
        groupNames: [group!.name],
      }))
        listed += batch.length;
      expect(listed).toBeGreaterThan(0);
      await adapter.close();
    },
  );

  it('temporary keys with their security token verify; a wrong secret key is an auth error, no secret in it', async () => {
    const temporary = adapterWith({ credentials: sim.credentials.v5.temporary });
    await expect(temporary.doFindTaskByName!({ ...campaign(['d']), name: 'none' })).resolves.toBeUndefined();
    const wrong = adapterWith({
      credentials: { accessKey: sim.credentials.v5.accessKey, secretKey: 'not-the-secret-key-123' },
    });
    const error = await wrong
      .doGetTask({ taskId: '0123456789abcdef01234567' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'auth', platformCode: 'APIGW.0301', httpStatus: 401 });
    expect((error as Error).message).toMatch(/canonical request computed/);
    expect((error as Error).message).not.toContain('not-the-secret-key-123');
    expect((error as Error).message).not.toContain(sim.credentials.v5.accessKey);
  });

  it("reads the gateway's 429 APIG.0308 (its documents' spelling) as a throttle", async () => {
    sim.configure({ v5Throttle: 'apig', rateLimit: { calls: 1 } });
    const adapter = adapterWith({});
    await adapter.doFindTaskByName!({ ...campaign(['d']), name: 'none' });
    const error = await adapter
      .doGetTask({ taskId: '0123456789abcdef01234567' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: 'throttled',
      httpStatus: 429,
      platformCode: 'APIG.0308',
      retryable: true,
    });
    sim.configure({ v5Throttle: 'apigw' });
  });

  it('a clock 20 minutes fast is reported as V5ClockSkewError naming the clock', async () => {
    const skewed = adapterWith({ now: () => Date.now() + 20 * 60_000 });
    const error = await skewed
      .doGetTask({ taskId: '0123456789abcdef01234567' })
      .catch((caught: unknown) => caught);
    expect(V5ClockSkewError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /this machine's clock is off by 20 minutes \(ahead of the gateway\)/,
    );
  });
});
