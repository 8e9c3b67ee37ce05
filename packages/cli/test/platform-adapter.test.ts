import { startSimulator } from '@fleetcast/simulator';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createPlatformAdapter } from '../src/platform-adapter.js';
import { addPlatformOptions, type PlatformOptions, tuningFrom } from '../src/platform-options.js';

describe('platform options reach the adapters', () => {
  it("--legacy-app-id follows an authorised app's task from a fresh adapter (a resume)", async () => {
    const sim = await startSimulator({ devices: 10, seed: 2, timeScale: 0 });
    try {
      const program = addPlatformOptions(new Command().exitOverride());
      const authorized = sim.credentials.legacy.authorizedAppId;
      program.parse(['--platform', 'legacy', '--legacy-app-id', authorized], { from: 'user' });
      const credentials = { platform: 'legacy', ...sim.credentials.legacy } as const;
      const tuning = tuningFrom(program.opts<PlatformOptions>());
      const creator = createPlatformAdapter('legacy', sim.url, credentials, tuning);
      const { taskId } = await creator.doCreateTask(
        { kind: 'explicit', name: 'auth_cli', index: 0, deviceIds: [sim.fleet.deviceId(0)] },
        {
          name: 'auth_cli',
          target: { type: 'DeviceList', deviceIds: [sim.fleet.deviceId(0)] },
          operation: { type: 'command', serviceId: 's', commandName: 'c' },
        },
      );
      expect(sim.tasks().find((task) => task.taskId === taskId)).toBeDefined();
      const resumed = createPlatformAdapter('legacy', sim.url, credentials, tuning);
      await expect(resumed.doGetTask(taskId)).resolves.toMatchObject({ taskId });
      const without = createPlatformAdapter('legacy', sim.url, credentials, {});
      await expect(without.doGetTask(taskId)).rejects.toMatchObject({ kind: 'notFound' });
      await Promise.all([creator, resumed, without].map((adapter) => adapter.close?.()));
    } finally {
      await sim.close();
    }
  });
});
