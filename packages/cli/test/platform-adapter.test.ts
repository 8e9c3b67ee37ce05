import { startSimulator } from '@fleetcast/simulator';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliInputError } from '../src/cli-input-error.js';
import { createPlatformAdapter } from '../src/platform-adapter.js';
import { addPlatformOptions, type PlatformOptions, tuningFrom } from '../src/platform-options.js';

describe('platform options reach the adapters', () => {
  it('v5 AK/SK on a host that names no region asks for --region, naming the option', () => {
    const keys = {
      platform: 'v5',
      projectId: 'p',
      accessKey: 'AKEXAMPLE123',
      secretKey: 'SKEXAMPLE-secret',
    } as const;
    const attempt = () => createPlatformAdapter('v5', 'http://127.0.0.1:9', keys, {});
    expect(attempt).toThrow(CliInputError);
    expect(attempt).toThrow(/give --region \(or FLEETCAST_V5_REGION, file key v5\.region\)/);
    expect(() =>
      createPlatformAdapter('v5', 'http://127.0.0.1:9', keys, { region: 'cn-north-4' }),
    ).not.toThrow();
    expect(() =>
      createPlatformAdapter('v5', 'http://127.0.0.1:9', { ...keys, region: 'cn-north-4' }, {}),
    ).not.toThrow();
    const region = createPlatformAdapter(
      'v5',
      'https://abc.st1.iotda-app.ap-southeast-1.myhuaweicloud.com',
      keys,
      {},
    );
    expect(region.name).toBe('v5');
  });

  it("--legacy-app-id follows an authorised app's task from a fresh adapter (a resume)", async () => {
    const sim = await startSimulator({ devices: 10, seed: 2, timeScale: 0 });
    try {
      const program = addPlatformOptions(new Command().exitOverride());
      const authorized = sim.credentials.legacy.authorizedAppId;
      program.parse(['--platform', 'legacy', '--legacy-app-id', authorized], { from: 'user' });
      const credentials = { platform: 'legacy', ...sim.credentials.legacy } as const;
      const tuning = tuningFrom(program.opts<PlatformOptions>());
      const creator = createPlatformAdapter('legacy', sim.url, credentials, tuning);
      const { taskId } = await creator.doCreateTask({
        ...{
          name: 'auth_cli',
          target: { type: 'DeviceList', deviceIds: [sim.fleet.deviceId(0)] },
          operation: { type: 'command', serviceId: 's', commandName: 'c' },
        },
        task: { kind: 'explicit', name: 'auth_cli', index: 0, deviceIds: [sim.fleet.deviceId(0)] },
      });
      expect(sim.tasks().find((task) => task.taskId === taskId)).toMatchObject({
        api: 'legacy',
        taskId,
        taskName: 'auth_cli',
        appId: authorized,
      });
      const resumed = createPlatformAdapter('legacy', sim.url, credentials, tuning);
      await expect(resumed.doGetTask({ taskId })).resolves.toMatchObject({ taskId });
      const without = createPlatformAdapter('legacy', sim.url, credentials, {});
      await expect(without.doGetTask({ taskId })).rejects.toMatchObject({ kind: 'notFound' });
      await Promise.all([creator, resumed, without].map((adapter) => adapter.close?.()));
    } finally {
      await sim.close();
    }
  });
});
