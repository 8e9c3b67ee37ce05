import { createV5Adapter } from '@fleetcast/adapter-v5';
import { PlanningError, plan } from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 120, seed: 5 });
});
afterAll(() => sim.close());

describe('a v5 DeviceArea target with exclude, through the v5 directory', () => {
  it('fails saying the directory cannot answer DeviceArea, not that no device remains', async () => {
    const adapter = createV5Adapter({
      endpoint: sim.url,
      projectId: sim.credentials.v5.projectId,
      token: sim.credentials.v5.token,
    });
    try {
      const error = await plan(
        {
          name: 'reboot_area',
          target: { type: 'DeviceArea', location: sim.fleet.locationOf(0), exclude: [sim.fleet.deviceId(0)] },
          operation: { type: 'command', serviceId: 'Maintenance', commandName: 'REBOOT', paras: {} },
        },
        { adapter, directory: adapter.doOpenDirectory?.({}) },
      ).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(PlanningError.isInstance(error)).toBe(true);
      expect((error as PlanningError).code).toBe('FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR');
      expect((error as PlanningError).message).toMatch(
        /^target: the directory cannot answer DeviceArea: none of its 120 devices carries a location/,
      );
    } finally {
      await adapter.close();
    }
  });
});
