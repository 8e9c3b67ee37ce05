import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Campaign, PlatformError, type TaskPlanV1 } from '@fleetcast/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLegacyAdapter } from './legacy-adapter.js';

let server: Server;
let endpoint: string;
beforeAll(async () => {
  server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ batchtask: { task_id: '0'.repeat(24), status: 'Processing' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function deep(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = { k: value };
  return value;
}

describe('legacy adapter lifecycle', () => {
  it('closes twice (and after use) without undici ClientDestroyedError', async () => {
    const adapter = createLegacyAdapter({
      baseUrl: endpoint,
      appId: 'app1',
      accessToken: () => 'tok-abcdef-0123',
    });
    // Any answer will do: the call only has to open a kept-alive connection.
    await adapter.doGetTask({ taskId: '0'.repeat(24) }).catch(() => undefined);
    await adapter.close();
    await expect(adapter.close()).resolves.toBeUndefined();
    const unused = createLegacyAdapter({
      baseUrl: endpoint,
      appId: 'app1',
      accessToken: () => 'tok-abcdef-0123',
    });
    await Promise.all([unused.close(), unused.close()]);
    await expect(unused.close()).resolves.toBeUndefined();
  });

  it('turns a body too deep to serialise into a typed invalidInput PlatformError, not a RangeError', async () => {
    const adapter = createLegacyAdapter({
      baseUrl: endpoint,
      appId: 'app1',
      accessToken: () => 'tok-abcdef-0123',
    });
    const campaign = {
      name: 'deep',
      target: { type: 'DeviceList', deviceIds: ['d1'] },
      operation: { type: 'command', serviceId: 's', commandName: 'c', paras: { p: deep(200_000) } },
    } as Campaign;
    const task: TaskPlanV1 = { kind: 'explicit', name: 'deep', index: 0, deviceIds: ['d1'] };
    const error = await adapter
      .doCreateTask({ task, operation: campaign.operation, policy: campaign.policy })
      .catch((caught: unknown) => caught);
    await adapter.close();
    expect(PlatformError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'invalidInput', retryable: false });
    expect((error as Error).message).toMatch(
      /cannot be written as JSON \(nested too deep\); nothing was sent/,
    );
  });
});
