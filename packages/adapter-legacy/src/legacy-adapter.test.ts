import type { Campaign, TaskPlanV1 } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { createLegacyAdapter } from './legacy-adapter.js';

const secret = 'app-secret-5c1d8e';
const campaign: Campaign = {
  name: 'valve_on',
  target: { type: 'Broadcast' },
  operation: { type: 'command', serviceId: 'WaterMeter', commandName: 'SET_VALVE' },
};
const task: TaskPlanV1 = { kind: 'native', name: 'valve_on_0001', index: 0, target: { type: 'Broadcast' } };

interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A scripted platform: each call gets the next answer of `script` for its path kind. */
function fakePlatform(answer: (call: Recorded, calls: Recorded[]) => { status: number; body?: unknown }) {
  const calls: Recorded[] = [];
  let logins = 0;
  const fetch: typeof globalThis.fetch = async (url, init) => {
    const parsed = new URL(String(url));
    const call: Recorded = {
      method: init?.method ?? 'GET',
      path: parsed.pathname + parsed.search,
      headers: Object.fromEntries(Object.entries((init?.headers as Record<string, string>) ?? {})),
      body: init?.body as string | undefined,
    };
    calls.push(call);
    if (parsed.pathname === '/iocm/app/sec/v1.1.0/login') {
      logins += 1;
      return Response.json({ accessToken: `token-${logins}-abcdef`, expiresIn: 3600, tokenType: 'bearer' });
    }
    const { status, body } = answer(call, calls);
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
  return { fetch, calls, logins: () => logins };
}

const adapterWith = (platform: ReturnType<typeof fakePlatform>) =>
  createLegacyAdapter({
    endpoint: 'https://iot.example.com:8743',
    appId: 'myApp01',
    secret,
    fetch: platform.fetch,
  });

describe('createLegacyAdapter calls', () => {
  it('logs in once with a form body, then sends app_key and the bearer token on each call', async () => {
    const platform = fakePlatform(() => ({ status: 200, body: { taskID: 'T-1' } }));
    const adapter = adapterWith(platform);
    await Promise.all([
      adapter.doCreateTask({ task, operation: campaign.operation, policy: campaign.policy }),
      adapter.doCreateTask({ task, operation: campaign.operation, policy: campaign.policy }),
    ]);
    expect(platform.logins()).toBe(1);
    const [login, create] = platform.calls;
    expect(login?.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(login?.body).get('appId')).toBe('myApp01');
    expect(new URLSearchParams(login?.body).get('secret')).toBe(secret);
    expect(create?.headers).toMatchObject({ app_key: 'myApp01', Authorization: 'Bearer token-1-abcdef' });
  });

  it('reads taskID (capital D) from the create answer', async () => {
    const adapter = adapterWith(fakePlatform(() => ({ status: 200, body: { taskID: 'T-42' } })));
    await expect(
      adapter.doCreateTask({ task, operation: campaign.operation, policy: campaign.policy }),
    ).resolves.toEqual({ taskId: 'T-42' });
    const wrongCase = adapterWith(fakePlatform(() => ({ status: 200, body: { taskId: 'T-42' } })));
    await expect(
      wrongCase.doCreateTask({ task, operation: campaign.operation, policy: campaign.policy }),
    ).rejects.toMatchObject({ kind: 'server' });
  });

  it.each([
    [401, '100028'],
    [403, '1010005'],
  ])('logs in again once when the platform answers %i %s, then gives up', async (status, code) => {
    const platform = fakePlatform((_call, calls) =>
      calls.filter((call) => call.path.endsWith('/tasks')).length === 1
        ? { status, body: { error_code: code, error_desc: 'token rejected' } }
        : { status: 200, body: { taskID: 'T-2' } },
    );
    const adapter = adapterWith(platform);
    await expect(
      adapter.doCreateTask({ task, operation: campaign.operation, policy: campaign.policy }),
    ).resolves.toEqual({ taskId: 'T-2' });
    expect(platform.logins()).toBe(2);
    const stubborn = fakePlatform(() => ({ status: 403, body: { error_code: '1010005', error_desc: 'no' } }));
    await expect(
      adapterWith(stubborn).doCreateTask({ task, operation: campaign.operation, policy: campaign.policy }),
    ).rejects.toMatchObject({ kind: 'auth' });
    expect(stubborn.logins()).toBe(2);
  });

  it('logs in again once for calls refused with the same token, even when one refusal comes late', async () => {
    let logins = 0;
    let reloggedIn: () => void = () => {};
    const relogin = new Promise<void>((resolve) => {
      reloggedIn = resolve;
    });
    const sent: string[] = [];
    const adapter = adapterWith({
      calls: [],
      logins: () => logins,
      fetch: async (url, init) => {
        const { pathname } = new URL(String(url));
        if (pathname === '/iocm/app/sec/v1.1.0/login') {
          logins += 1;
          return Response.json({ accessToken: `token-${logins}-abcdef`, expiresIn: 3600 });
        }
        const bearer = (init?.headers as Record<string, string> | undefined)?.Authorization ?? '';
        sent.push(`${pathname.split('/').at(-1)} ${bearer}`);
        if (bearer === 'Bearer token-2-abcdef') reloggedIn();
        if (bearer === 'Bearer token-1-abcdef') {
          // The slow call's refusal arrives only once the fast one has logged in again and resent.
          if (pathname.endsWith('/T-slow')) await relogin;
          return Response.json({ error_code: '1010005', error_desc: 'expired' }, { status: 403 });
        }
        return Response.json({ taskId: pathname.split('/').at(-1), status: 'Running' });
      },
    });
    const statuses = await Promise.all([
      adapter.doGetTask({ taskId: 'T-fast' }),
      adapter.doGetTask({ taskId: 'T-slow' }),
    ]);
    expect(statuses.map((status) => status.taskId)).toEqual(['T-fast', 'T-slow']);
    // One login, then one re-login: the late refusal reuses the token the first re-login brought.
    expect(logins).toBe(2);
    expect(sent.filter((entry) => entry.endsWith('token-2-abcdef')).sort()).toEqual([
      'T-fast Bearer token-2-abcdef',
      'T-slow Bearer token-2-abcdef',
    ]);
  });

  it('asks an accessToken provider again with expired: true after a rejection', async () => {
    const requests: boolean[] = [];
    let first = true;
    const adapter = createLegacyAdapter({
      endpoint: 'https://iot.example.com',
      appId: 'myApp01',
      accessToken: ({ expired }) => {
        requests.push(expired);
        return expired ? 'fresh-token-1234' : 'stale-token-1234';
      },
      fetch: async () => {
        if (first) {
          first = false;
          return Response.json({ error_code: '1010005', error_desc: 'expired' }, { status: 403 });
        }
        return Response.json({ taskID: 'T-3' });
      },
    });
    await expect(
      adapter.doCreateTask({ task, operation: campaign.operation, policy: campaign.policy }),
    ).resolves.toEqual({ taskId: 'T-3' });
    expect(requests).toEqual([false, true]);
  });

  // Every documented (status, code) → kind is checked against a hand-written list in legacy-error-kinds.test.ts.

  it('falls back on the HTTP status for undocumented codes', async () => {
    const answer = (status: number) =>
      fakePlatform(() => ({ status, body: { error_code: '999', error_desc: 'x' } }));
    await expect(adapterWith(answer(503)).doGetTask({ taskId: 'T' })).rejects.toMatchObject({
      kind: 'server',
      retryable: true,
    });
    await expect(adapterWith(answer(404)).doGetTask({ taskId: 'T' })).rejects.toMatchObject({
      kind: 'notFound',
    });
  });

  it('queries one task by taskId and normalizes it', async () => {
    const platform = fakePlatform(() => ({
      status: 200,
      body: {
        taskId: 'T-9',
        taskName: 'x',
        status: 'Running',
        totalCnt: 10,
        successCnt: 3,
        failCnt: 1,
        progress: 400,
      },
    }));
    const status = await adapterWith(platform).doGetTask({ taskId: 'T-9' });
    expect(platform.calls.at(-1)?.path).toBe('/iocm/app/batchtask/v1.1.0/tasks/T-9');
    expect(status).toMatchObject({ taskId: 'T-9', state: 'running', progress: 0.4 });
    expect(status.counts).toEqual({
      total: 10,
      succeeded: 3,
      failed: 1,
      timedOut: 0,
      pending: 0,
      running: 6,
      stopped: 0,
    });
  });

  it('pages subtasks from pageNo 0 and stops at totalCount', async () => {
    const devices = Array.from({ length: 7 }, (_, index) => `dev-${index}`);
    const platform = fakePlatform((call) => {
      const query = new URL(`https://x${call.path}`).searchParams;
      const pageNo = Number(query.get('pageNo'));
      const pageSize = Number(query.get('pageSize'));
      const slice = devices.slice(pageNo * pageSize, (pageNo + 1) * pageSize);
      return {
        status: 200,
        body: {
          pageNo,
          pageSize,
          totalCount: devices.length,
          taskDetails: slice.map((deviceId, index) => ({
            status: index === 0 ? 'Fail' : 'Success',
            param: { deviceId, commandId: 'c' },
            ...(index === 0 ? { error: '{"error_code":"E1","error_desc":"offline"}' } : {}),
          })),
        },
      };
    });
    const adapter = adapterWith(platform);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await adapter.doListTaskDevices!({
        taskId: 'T-1',
        pageSize: 3,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((item) => item.deviceId));
      cursor = page.nextCursor;
      expect(page.items[0]).toMatchObject({ state: 'failed', error: { code: 'E1', message: 'offline' } });
    } while (cursor !== undefined);
    expect(seen).toEqual(devices);
    expect(platform.calls.filter((call) => call.path.includes('taskDetails'))).toHaveLength(3);
    expect(platform.calls[1]?.path).toContain('pageNo=0');
    await expect(adapter.doListTaskDevices!({ taskId: 'T-1', pageSize: 251 })).rejects.toThrow(
      /pageSize must be 1–250/,
    );
  });

  it('declares what the platform can and cannot do', () => {
    const adapter = adapterWith(fakePlatform(() => ({ status: 200 })));
    expect(adapter.capabilities).toMatchObject({
      supportedOperations: ['command'],
      rejectsDuplicateNames: true,
      maxUnfinishedTasks: 'unknown',
      rateLimitPerMinute: 100,
    });
    expect(adapter.doFindTaskByName).toBeUndefined();
    expect(adapter.doOpenDirectory).toBeUndefined();
    const directory = { selectors: new Set(['Broadcast'] as const), devices: async function* () {} };
    const withDirectory = createLegacyAdapter({ endpoint: 'https://x', appId: 'a', secret, directory });
    expect(withDirectory.doOpenDirectory?.({})).toBe(directory);
    expect(() => createLegacyAdapter({ endpoint: 'https://x', appId: 'a' })).toThrow(/secret/);
    expect(() => createLegacyAdapter({ endpoint: 'http://x.example.com', appId: 'a', secret })).toThrow(
      /https/,
    );
  });
});
