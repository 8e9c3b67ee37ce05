import type { Campaign, TaskPlanV1 } from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createV5Adapter } from '../src/index.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    devices: 100,
    seed: 4,
    timeScale: 0,
    failureProbability: 0,
    timeoutProbability: 0,
    rateLimit: { calls: 1_000_000 },
    unfinishedTaskLimit: { v5: 1000 },
  });
});
afterAll(() => sim.close());

const freeze = (name: string): Campaign => ({
  name,
  target: { type: 'DeviceList', deviceIds: ['x'] },
  operation: { type: 'freezeDevices' },
});

describe('V5Adapter.listTasks', () => {
  it("lists a campaign's tasks on the platform past 500 records, narrowed by the status filter and the name prefix", async () => {
    const adapter = createV5Adapter({
      endpoint: sim.url,
      projectId: sim.credentials.v5.projectId,
      credentials: { accessKey: sim.credentials.v5.accessKey, secretKey: sim.credentials.v5.secretKey },
      region: 'cn-north-4',
    });
    const device = sim.fleet.deviceId(0);
    const create = (name: string) => {
      const task: TaskPlanV1 = { kind: 'explicit', name, index: 0, deviceIds: [device] };
      return adapter.doCreateTask({ ...freeze(name), task });
    };
    // 520 finished tasks of campaign "old", then 3 of campaign "camp" that are still Initializing.
    for (let n = 0; n < 520; n += 1) await create(`old_${n}`);
    sim.clock.advance(3_600_000);
    const mine = [];
    for (let n = 0; n < 3; n += 1) mine.push((await create(`camp_part${n + 1}`)).taskId);

    const all: string[] = [];
    for await (const page of adapter.listTasks({ operation: 'freezeDevices' })) {
      expect(page.length).toBeLessThanOrEqual(50);
      all.push(...page.map((task) => task.taskId));
    }
    expect(all.length).toBe(523);
    const campaignTasks: string[] = [];
    for await (const page of adapter.listTasks({ operation: 'freezeDevices', namePrefix: 'camp_' }))
      campaignTasks.push(...page.map((task) => task.taskId));
    expect(campaignTasks.sort()).toEqual([...mine].sort());
    // The platform's status filter: only the three new ones are still Initializing.
    const initializing: string[] = [];
    for await (const page of adapter.listTasks({ operation: 'freezeDevices', status: 'Initializing' }))
      initializing.push(...page.map((task) => task.taskId));
    expect(initializing.sort()).toEqual([...mine].sort());
    const succeeded = adapter.listTasks({ operation: 'freezeDevices', status: 'Success' });
    const first = await succeeded.next();
    expect(first.value?.every((task: { state: string }) => task.state === 'succeeded')).toBe(true);
    await expect(adapter.listTasks({ operation: 'reboot' as never }).next()).rejects.toThrow(
      /operation must be a fleetcast operation type/,
    );
    await adapter.close();
  }, 60_000);
});
