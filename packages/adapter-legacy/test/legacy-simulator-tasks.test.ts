import { type Simulator, startConformanceSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLegacyAdapter, type LegacyAdapter } from '../src/index.js';

let sim: Simulator;
let adapter: LegacyAdapter;

// The legacy adapter's own cases against the simulator, beyond the shared conformance suite (legacy-conformance.test.ts).
describe('legacy adapter against the simulator: logins, timeouts, units', () => {
  beforeAll(async () => {
    sim = (await startConformanceSimulator('legacy')).simulator;
    adapter = createLegacyAdapter({
      endpoint: sim.url,
      appId: sim.credentials.legacy.appId,
      secret: sim.credentials.legacy.secret,
    });
  });

  afterAll(async () => {
    await adapter.close();
    await sim.close();
  });

  it('logs in again once when the platform forgets the token', async () => {
    const ids = [sim.fleet.deviceId(0)];
    const campaign = {
      name: 'relogin',
      target: { type: 'DeviceList' as const, deviceIds: ids },
      operation: { type: 'command' as const, serviceId: 'WaterMeter', commandName: 'SET_VALVE' },
    };
    // A first call logs the adapter in; reset() then makes the platform forget that token.
    await adapter.doCreateTask({
      task: { kind: 'explicit', name: 'relogin_0', index: 0, deviceIds: ids },
      operation: campaign.operation,
    });
    sim.reset();
    sim.configure({ rateLimit: { calls: 1_000_000_000 }, unfinishedTaskLimit: { legacy: 1_000_000 } });
    await adapter.doCreateTask({
      task: { kind: 'explicit', name: 'relogin_1', index: 0, deviceIds: ids },
      operation: campaign.operation,
    });
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
    const { taskId } = await adapter.doCreateTask({
      task: { kind: 'explicit', name: 'slow_1', index: 0, deviceIds: ids },
      operation: campaign.operation,
      policy: campaign.policy,
    });
    sim.clock.advance(11 * 60_000 + 2_000);
    sim.configure({ deviceRatePerSecond: 50 });
    const status = await adapter.doGetTask({ taskId });
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
    const { taskId } = await seconds.doCreateTask({
      task: { kind: 'explicit', name: 'units_1', index: 0, deviceIds: ids },
      operation: campaign.operation,
      policy: campaign.policy,
    });
    await seconds.close();
    expect(sim.task(taskId)?.request).toMatchObject({ timeout: 1200 });
  });
});
