import type { AdapterV1, NativeTarget, TaskPlan } from '@fleetcast/core';
import { describeAdapterConformance } from '@fleetcast/core/testing';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { expect, it } from 'vitest';
import { createLegacyAdapter, type LegacyAdapter } from '../src/index.js';

let sim: Simulator;
let adapter: LegacyAdapter;

const adapterFor = (secret = sim.credentials.legacy.secret) =>
  createLegacyAdapter({ endpoint: sim.url, appId: sim.credentials.legacy.appId, secret });

/** The same adapter, but its next create sends `change(task)`: for faults only the request can cause. */
const withTask = (change: (task: TaskPlan) => TaskPlan): { adapter: AdapterV1 } => ({
  adapter: {
    ...adapter,
    doCreateTask: (task, campaign, options) => adapter.doCreateTask(change(task), campaign, options),
  },
});

describeAdapterConformance({
  name: 'legacy adapter against the simulator',
  async setup() {
    sim = await startSimulator({
      devices: 30_001,
      timeScale: 0,
      seed: 5,
      rateLimit: { calls: 1_000_000_000 },
      unfinishedTaskLimit: { legacy: 1_000_000 },
      failureProbability: 0,
      timeoutProbability: 0,
    });
    adapter = adapterFor();
    const fleet = sim.fleet;
    const group = fleet.groups[0];
    const product = fleet.products[0];
    const targets: Partial<Record<string, NativeTarget>> = {
      DeviceType: product && {
        type: 'DeviceType',
        deviceType: product.deviceType,
        manufacturerId: product.manufacturerId,
        model: product.model,
      },
      DeviceArea: { type: 'DeviceArea', location: fleet.locations[0] ?? '' },
      GroupList: group && { type: 'GroupList', groupNames: [group.name] },
      GroupIdList: group && { type: 'GroupIdList', groupIds: [group.groupId] },
      Filter: group && { type: 'Filter', groupIds: [group.groupId] },
      Broadcast: { type: 'Broadcast' },
    };
    return {
      adapter,
      secrets: [sim.credentials.legacy.secret],
      deviceIds: (count) => Array.from({ length: count }, (_, index) => fleet.deviceId(index)),
      sampleTarget: (type) => targets[type],
      injectFault: {
        throttled: () => sim.faults.set('legacy.createTask', { script: ['throttle'] }),
        server: () => sim.faults.set('legacy.createTask', { script: ['server-error'] }),
        network: () => sim.faults.set('legacy.createTask', { script: ['reset'] }),
        // 105001 with HTTP 200: more unfinished tasks than the platform allows.
        taskLimit: () => {
          sim.configure({ unfinishedTaskLimit: { legacy: 1 } });
        },
        auth: () => ({ adapter: adapterFor('wrong-secret-0000') }),
        // The platform checks device IDs against letters, digits, _ and -.
        invalidInput: () => withTask((task) => ({ ...task, kind: 'explicit', deviceIds: ['not a device!'] })),
        // 101001 with HTTP 200: a group name the platform does not know.
        notFound: () =>
          withTask((task) => ({
            ...task,
            kind: 'native',
            target: { type: 'GroupList', groupNames: ['no_such_group'] },
          })),
        // 105002 with HTTP 200: the same name twice.
        nameExists: () => ({
          adapter: {
            ...adapter,
            doCreateTask: async (task, campaign, options) => {
              await adapter.doCreateTask(task, campaign, options);
              return adapter.doCreateTask(task, campaign, options);
            },
          },
        }),
      },
      resetFaults: () => {
        sim.faults.clear();
        sim.configure({ unfinishedTaskLimit: { legacy: 1_000_000 } });
      },
      async completeTask(taskId, outcome) {
        sim.configure({ failureProbability: outcome === 'succeeded' ? 0 : outcome === 'failed' ? 1 : 0.5 });
        sim.clock.advance(3_600_000);
        sim.configure({ failureProbability: 0 });
        expect(sim.task(taskId)?.status).toBe('Complete');
      },
      teardown: async () => {
        await adapter.close();
        await sim.close();
      },
    };
  },
  additionalTests() {
    it('logs in again once when the platform forgets the token', async () => {
      await adapter.doGetTask(sim.tasks({ api: 'legacy' })[0]!.taskId);
      sim.reset();
      sim.configure({ rateLimit: { calls: 1_000_000_000 }, unfinishedTaskLimit: { legacy: 1_000_000 } });
      const ids = [sim.fleet.deviceId(0)];
      const campaign = {
        name: 'relogin',
        target: { type: 'DeviceList' as const, deviceIds: ids },
        operation: { type: 'command' as const, serviceId: 'WaterMeter', commandName: 'SET_VALVE' },
      };
      await adapter.doCreateTask({ kind: 'explicit', name: 'relogin_1', index: 0, deviceIds: ids }, campaign);
      // reset() also cleared the request log: what follows is the rejected call, one login, the retry.
      expect(sim.requests().map((entry) => `${entry.route} ${entry.outcome}`)).toEqual([
        'legacy.createTask 403',
        'legacy.login 200',
        'legacy.createTask 200',
      ]);
      expect(sim.tasks({ api: 'legacy' }).map((task) => task.taskName)).toEqual(['relogin_1']);
    });

    it('normalizes a task the platform timed out, counting expired subtasks as timed out', async () => {
      sim.configure({ deviceRatePerSecond: 1 });
      const ids = Array.from({ length: 2_000 }, (_, index) => sim.fleet.deviceId(index));
      const campaign = {
        name: 'slow',
        target: { type: 'DeviceList' as const, deviceIds: ids },
        operation: { type: 'command' as const, serviceId: 'WaterMeter', commandName: 'SET_VALVE' },
        policy: { timeout: 10 },
      };
      const { taskId } = await adapter.doCreateTask(
        { kind: 'explicit', name: 'slow_1', index: 0, deviceIds: ids },
        campaign,
      );
      sim.clock.advance(11 * 60_000 + 2_000);
      sim.configure({ deviceRatePerSecond: 50 });
      const status = await adapter.doGetTask(taskId);
      expect(status.state).toBe('timedOut');
      expect(status.progress).toBe(1);
      expect(status.counts.timedOut).toBeGreaterThan(1_000);
      expect(status.counts.succeeded + status.counts.timedOut + status.counts.failed).toBe(2_000);
    });

    it('sends the timeout in the unit the platform is configured for', async () => {
      const seconds = createLegacyAdapter({
        endpoint: sim.url,
        appId: sim.credentials.legacy.appId,
        secret: sim.credentials.legacy.secret,
        timeoutUnit: 'seconds',
      });
      const ids = [sim.fleet.deviceId(1)];
      const campaign = {
        name: 'units',
        target: { type: 'DeviceList' as const, deviceIds: ids },
        operation: { type: 'command' as const, serviceId: 'WaterMeter', commandName: 'SET_VALVE' },
        policy: { timeout: 20 },
      };
      const { taskId } = await seconds.doCreateTask(
        { kind: 'explicit', name: 'units_1', index: 0, deviceIds: ids },
        campaign,
      );
      await seconds.close();
      expect(sim.task(taskId)?.request).toMatchObject({ timeout: 1200 });
    });
  },
});
