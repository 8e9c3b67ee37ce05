import { type DirectoryQuery, recordMatchesQuery } from '@fleetcast/core';
import { type Simulator, startConformanceSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createV5Adapter, type V5Adapter } from '../src/index.js';

let sim: Simulator;
let adapter: V5Adapter;

// The v5 adapter's own cases against the simulator, beyond the shared conformance suite (v5-conformance.test.ts).
describe('v5 adapter against the simulator: tasks, directory, look-ups', () => {
  beforeAll(async () => {
    sim = (await startConformanceSimulator('v5')).simulator;
    adapter = createV5Adapter({
      endpoint: sim.url,
      projectId: sim.credentials.v5.projectId,
      token: sim.credentials.v5.token,
    });
  });

  afterAll(async () => {
    await adapter.close();
    await sim.close();
  });

  it('stops and retries subtasks of an upgrade in batches of 100', async () => {
    const ids = Array.from({ length: 230 }, (_, index) => sim.fleet.deviceId(index));
    const campaign = {
      name: 'fw',
      target: { type: 'DeviceList' as const, deviceIds: ids },
      operation: { type: 'firmwareUpgrade' as const, packageIds: ['32822e5744a45ede319d2c50'] },
    };
    const { taskId } = await adapter.doCreateTask({
      task: { kind: 'explicit', name: 'fw_stop_1', index: 0, deviceIds: ids },
      operation: campaign.operation,
    });
    sim.clock.advance(1_500);
    const before = sim.requests().length;
    const result = await adapter.doStopTask({ taskId, deviceIds: ids });
    const stops = sim
      .requests()
      .slice(before)
      .filter((entry) => entry.route === 'v5.stopTask');
    expect(stops).toHaveLength(3);
    expect(result.failures.length).toBeLessThan(ids.length);
    sim.clock.advance(10_000);
    const status = await adapter.doGetTask({ taskId });
    expect(status.counts.stopped).toBeGreaterThan(0);
  });

  it('normalizes a task stopped as a whole', async () => {
    const ids = Array.from({ length: 50 }, (_, index) => sim.fleet.deviceId(index));
    const campaign = {
      name: 'fw',
      target: { type: 'DeviceList' as const, deviceIds: ids },
      operation: { type: 'softwareUpgrade' as const, packageIds: ['32822e5744a45ede319d2c51'] },
    };
    sim.configure({ deviceRatePerSecond: 0 });
    const { taskId } = await adapter.doCreateTask({
      task: { kind: 'explicit', name: 'sw_stop_all', index: 0, deviceIds: ids },
      operation: campaign.operation,
    });
    sim.clock.advance(1_500);
    const result = await adapter.doStopTask({ taskId });
    expect(result.failures).toEqual([]);
    sim.clock.advance(5_000);
    sim.configure({ deviceRatePerSecond: 50 });
    const status = await adapter.doGetTask({ taskId });
    expect(status).toMatchObject({ state: 'stopped', progress: 1 });
    expect(status.counts.stopped).toBe(50);
  });

  it('expands DeviceType and group targets through the v5 directory, each record answering its query', async () => {
    const product = sim.fleet.products[0]!;
    const directory = adapter.doOpenDirectory!({});
    const ids: string[] = [];
    const byProduct: DirectoryQuery = {
      type: 'DeviceType',
      deviceType: product.deviceType,
      model: product.name,
    };
    for await (const batch of directory.devices(byProduct, { batchSize: 500 })) {
      expect(batch.length).toBeLessThanOrEqual(500);
      ids.push(...batch.map((record) => record.id));
      expect(batch.filter((record) => !recordMatchesQuery(record, byProduct))).toEqual([]);
    }
    expect(ids.length).toBe(sim.fleet.membersOfProduct(0).length);
    expect(new Set(ids).size).toBe(ids.length);
    const group = sim.fleet.groups[1]!;
    for (const query of [
      { type: 'GroupList', groupNames: [group.name] },
      { type: 'GroupIdList', groupIds: [group.groupId] },
    ] satisfies DirectoryQuery[]) {
      let members = 0;
      for await (const batch of directory.devices(query)) {
        members += batch.length;
        // The DeviceDirectory contract: the planner and explainDevice judge records by recordMatchesQuery.
        expect(batch.filter((record) => !recordMatchesQuery(record, query))).toEqual([]);
      }
      expect(members, query.type).toBe(new Set(group.members).size);
    }
  });
  it('finds a task by name after more than 500 newer tasks of the same type', async () => {
    const campaign = {
      name: 'many',
      target: { type: 'DeviceList' as const, deviceIds: ['x'] },
      operation: { type: 'freezeDevices' as const },
    };
    const one = [sim.fleet.deviceId(1)];
    const first = await adapter.doCreateTask({
      task: { kind: 'explicit', name: 'oldest_task', index: 0, deviceIds: one },
      operation: campaign.operation,
    });
    for (let index = 0; index < 560; index += 1) {
      await adapter.doCreateTask({
        task: { kind: 'explicit', name: `newer_${index}`, index, deviceIds: one },
        operation: campaign.operation,
      });
    }
    await expect(
      adapter.doFindTaskByName!({ name: 'oldest_task', operation: campaign.operation }),
    ).resolves.toEqual(first);
  });
});
