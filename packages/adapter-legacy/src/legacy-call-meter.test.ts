import type { Campaign, CallMeterV1, MeteredCallKindV1, TaskPlanV1 } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { createLegacyAdapter } from './legacy-adapter.js';

const campaign: Campaign = {
  name: 'valve_on',
  target: { type: 'Broadcast' },
  operation: { type: 'command', serviceId: 'WaterMeter', commandName: 'SET_VALVE' },
};
const task: TaskPlanV1 = { kind: 'native', name: 'valve_on_0001', index: 0, target: { type: 'Broadcast' } };

/** Records, in order, every meter acquire and release and every request the platform sees. */
function recordingPlatform(answer: (path: string, token: string) => { status: number; body?: unknown }) {
  const log: string[] = [];
  let logins = 0;
  let held = 0;
  const meter: CallMeterV1 = {
    async acquire(kind: MeteredCallKindV1) {
      log.push(`acquire ${kind}`);
      held += 1;
      return () => {
        held -= 1;
        log.push(`release ${kind}`);
      };
    },
  };
  const fetch: typeof globalThis.fetch = async (url, init) => {
    const { pathname } = new URL(String(url));
    if (pathname === '/iocm/app/sec/v1.1.0/login') {
      log.push(`login (metered slots held: ${held})`);
      logins += 1;
      return Response.json({ accessToken: `token-${logins}-abcdef`, expiresIn: 3600 });
    }
    const token = (init?.headers as Record<string, string> | undefined)?.Authorization ?? '';
    log.push(`${init?.method ?? 'GET'} ${pathname} (metered slots held: ${held})`);
    const { status, body } = answer(pathname, token);
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
  return { log, meter, fetch };
}

const adapterWith = (fetch: typeof globalThis.fetch) =>
  createLegacyAdapter({
    endpoint: 'https://iot.example.com:8743',
    appId: 'myApp01',
    secret: 's3cr3t-x',
    fetch,
  });

describe('legacy adapter and the call meter', () => {
  it('meters the first login as auth, not the call the engine budgeted', async () => {
    const platform = recordingPlatform(() => ({ status: 200, body: { taskID: 'T-1' } }));
    const adapter = adapterWith(platform.fetch);
    await adapter.doCreateTask({
      task,
      operation: campaign.operation,
      policy: campaign.policy,
      meter: platform.meter,
    });
    await adapter.doCreateTask({
      task,
      operation: campaign.operation,
      policy: campaign.policy,
      meter: platform.meter,
    });
    expect(platform.log).toEqual([
      'acquire auth',
      'login (metered slots held: 1)',
      'release auth',
      'POST /iocm/app/batchtask/v1.1.0/tasks (metered slots held: 0)',
      'POST /iocm/app/batchtask/v1.1.0/tasks (metered slots held: 0)',
    ]);
  });

  it('meters a re-login after 1010005 and the request sent again, one slot each', async () => {
    const platform = recordingPlatform((_path, token) =>
      token.includes('token-1-')
        ? { status: 403, body: { error_code: '1010005', error_desc: 'token expired' } }
        : { status: 200, body: { status: 'Processing', totalCnt: 1 } },
    );
    const adapter = adapterWith(platform.fetch);
    await adapter.doGetTask({ taskId: 'T-1', meter: platform.meter });
    expect(platform.log).toEqual([
      'acquire auth',
      'login (metered slots held: 1)',
      'release auth',
      'GET /iocm/app/batchtask/v1.1.0/tasks/T-1 (metered slots held: 0)',
      'acquire auth',
      'login (metered slots held: 1)',
      'release auth',
      'acquire auth',
      'GET /iocm/app/batchtask/v1.1.0/tasks/T-1 (metered slots held: 1)',
      'release auth',
    ]);
  });

  it('still works without a meter (third-party engines)', async () => {
    const platform = recordingPlatform(() => ({ status: 200, body: { taskID: 'T-2' } }));
    await expect(
      adapterWith(platform.fetch).doCreateTask({
        task,
        operation: campaign.operation,
        policy: campaign.policy,
      }),
    ).resolves.toEqual({
      taskId: 'T-2',
    });
    expect(platform.log.filter((line) => line.startsWith('acquire'))).toEqual([]);
  });
});
