import type { Campaign, TaskPlanV1 } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { createV5Adapter } from './v5-adapter.js';

const token = 'iam-token-MIIdfake0123';
const campaign: Campaign = {
  name: 'fw',
  target: { type: 'DeviceList', deviceIds: ['d1'] },
  operation: { type: 'firmwareUpgrade', packageIds: ['pkg'] },
};
const task: TaskPlanV1 = { kind: 'explicit', name: 'fw_0001', index: 0, deviceIds: ['d1'] };

interface Call {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}
type Answer = { status: number; body?: unknown };

function fake(answer: (call: Call) => Answer) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = async (url, init) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: new URL(String(url)),
      headers: (init?.headers as Record<string, string>) ?? {},
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const { status, body } = answer(call);
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
  return { fetch, calls };
}

const adapterWith = (
  platform: ReturnType<typeof fake>,
  extra: { token?: string | (() => string); instanceId?: string; appId?: string } = {},
) =>
  createV5Adapter({
    endpoint: 'https://iotda.example.com',
    projectId: 'p1',
    token,
    fetch: platform.fetch,
    ...extra,
  });

/** Task IDs as the platform makes them: 24 hex characters, sorted so that newer is larger. */
const hexId = (n: number) => n.toString(16).padStart(24, '0');

/** A list endpoint that follows the documented rules: newest first, below `marker`, `offset` ≤ 500, `limit` ≤ 50. */
function listPage<T extends { id: string }>(records: readonly T[], url: URL): Answer {
  const limit = Number(url.searchParams.get('limit') ?? 10);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const marker = url.searchParams.get('marker') ?? 'ffffffffffffffffffffffff';
  if (limit > 50 || offset > 500)
    return { status: 400, body: { error_code: 'IOTDA.000006', error_msg: 'limit/offset' } };
  const below = records.filter((record) => record.id < marker).sort((a, b) => (a.id < b.id ? 1 : -1));
  const page = below.slice(offset, offset + limit);
  return { status: 200, body: { items: page, page: { count: records.length, marker: page.at(-1)?.id } } };
}

describe('createV5Adapter settings', () => {
  it('refuses an Instance-Id outside 1–36 characters and an appId outside the app_id rule before any call', () => {
    const platform = fake(() => ({ status: 200, body: {} }));
    expect(() => adapterWith(platform, { instanceId: 'i'.repeat(37) })).toThrow(
      /instanceId must be 1–36 characters \(the Instance-Id header\), got 37/,
    );
    expect(() => adapterWith(platform, { instanceId: '' })).toThrow(/instanceId must be 1–36/);
    expect(() => adapterWith(platform, { instanceId: 'i'.repeat(36) })).not.toThrow();
    expect(() => adapterWith(platform, { appId: 'a'.repeat(37) })).toThrow(
      /appId must be at most 36 of letters, digits, _ and -/,
    );
    expect(() => adapterWith(platform, { appId: 'my space' })).toThrow(/appId must be/);
    expect(() => adapterWith(platform, { appId: 'space_1-a' })).not.toThrow();
    expect(platform.calls).toEqual([]);
  });
});

describe('createV5Adapter calls', () => {
  it('creates with X-Auth-Token and reads task_id', async () => {
    const platform = fake(() => ({ status: 201, body: { task_id: hexId(1), status: 'Initializing' } }));
    await expect(
      adapterWith(platform).doCreateTask({ task, operation: campaign.operation, policy: campaign.policy }),
    ).resolves.toEqual({ taskId: hexId(1) });
    expect(platform.calls[0]).toMatchObject({ method: 'POST', headers: { 'X-Auth-Token': token } });
    expect(platform.calls[0]?.url.pathname).toBe('/v5/iot/p1/batchtasks');
  });

  // Every documented (status, code) → kind is checked against a hand-written list in v5-error-kinds.test.ts.
  it('falls back on the HTTP status for an answer without a code', async () => {
    await expect(
      adapterWith(fake(() => ({ status: 404 }))).doGetTask({ taskId: hexId(2) }),
    ).rejects.toMatchObject({
      kind: 'notFound',
    });
    await expect(
      adapterWith(fake(() => ({ status: 429 }))).doGetTask({ taskId: hexId(2) }),
    ).rejects.toMatchObject({
      kind: 'throttled',
    });
  });

  it('asks a token function again once after IOTDA.000004', async () => {
    let calls = 0;
    const tokens: string[] = [];
    const platform = fake((call) => {
      tokens.push(call.headers['X-Auth-Token'] ?? '');
      calls += 1;
      return calls === 1
        ? { status: 403, body: { error_code: 'IOTDA.000004', error_msg: 'invalid token' } }
        : { status: 200, body: { batchtask: { task_id: hexId(3), status: 'Processing' } } };
    });
    let issued = 0;
    const adapter = adapterWith(platform, { token: () => `tok-${++issued}-abcdef` });
    await expect(adapter.doGetTask({ taskId: hexId(3) })).resolves.toMatchObject({ state: 'running' });
    expect(tokens).toEqual(['tok-1-abcdef', 'tok-2-abcdef']);
  });

  it('asks a token function once for concurrent calls, and once again for calls refused together', async () => {
    let refreshed: () => void = () => {};
    const refresh = new Promise<void>((resolve) => {
      refreshed = resolve;
    });
    const asked: boolean[] = [];
    const sent: string[] = [];
    const adapter = createV5Adapter({
      endpoint: 'https://iotda.example.com',
      projectId: 'p1',
      token: async ({ expired }) => {
        asked.push(expired);
        return `tok-${asked.length}-abcdef`;
      },
      fetch: async (url, init) => {
        const taskId = new URL(String(url)).pathname.split('/').at(-1) ?? '';
        const token = (init?.headers as Record<string, string> | undefined)?.['X-Auth-Token'] ?? '';
        sent.push(`${taskId} ${token}`);
        if (token === 'tok-2-abcdef') refreshed();
        if (token === 'tok-1-abcdef') {
          // The second call's refusal arrives only once the first one has resent with a renewed token.
          if (taskId === hexId(2)) await refresh;
          return Response.json({ error_code: 'IOTDA.000004', error_msg: 'expired' }, { status: 403 });
        }
        return Response.json({ batchtask: { task_id: taskId, status: 'Processing' } });
      },
    });
    const statuses = await Promise.all([
      adapter.doGetTask({ taskId: hexId(1) }),
      adapter.doGetTask({ taskId: hexId(2) }),
    ]);
    expect(statuses.map((status) => status.taskId)).toEqual([hexId(1), hexId(2)]);
    expect(asked).toEqual([false, true]);
    expect(sent.filter((entry) => entry.endsWith('tok-2-abcdef')).sort()).toEqual([
      `${hexId(1)} tok-2-abcdef`,
      `${hexId(2)} tok-2-abcdef`,
    ]);
  });

  it('finds a task by name past 500 records by paging on marker', async () => {
    const tasks = Array.from({ length: 1200 }, (_, n) => ({ id: hexId(n + 1), task_name: `task_${n}` }));
    const platform = fake((call) => {
      const page = listPage(tasks, call.url);
      const body = page.body as { items?: typeof tasks; page: unknown } | undefined;
      if (!body?.items) return page;
      return {
        status: 200,
        body: {
          batchtasks: body.items.map((t) => ({ task_id: t.id, task_name: t.task_name, status: 'Success' })),
          page: body.page,
        },
      };
    });
    const adapter = adapterWith(platform);
    await expect(
      adapter.doFindTaskByName!({ name: 'task_3', operation: campaign.operation, policy: campaign.policy }),
    ).resolves.toEqual({ taskId: hexId(4) });
    expect(platform.calls.length).toBe(24);
    expect(platform.calls.every((call) => call.url.searchParams.get('task_type') === 'firmwareUpgrade')).toBe(
      true,
    );
    await expect(
      adapter.doFindTaskByName!({ name: 'absent', operation: campaign.operation, policy: campaign.policy }),
    ).resolves.toBeUndefined();
  });

  it('stops and retries in batches of at most 100 targets, {} for all, and reports refused targets', async () => {
    const platform = fake((call) => {
      const targets = (call.body as { targets?: string[] }).targets ?? [];
      return {
        status: 200,
        body: {
          targets: targets.map((target) =>
            target === 'd150'
              ? { target, status: 'failure', error_code: 'IOTDA.014219', error_msg: 'bad state' }
              : { target, status: 'success' },
          ),
        },
      };
    });
    const adapter = adapterWith(platform);
    const ids = Array.from({ length: 250 }, (_, index) => `d${index}`);
    const result = await adapter.doStopTask({ taskId: hexId(1), deviceIds: ids });
    expect(platform.calls.map((call) => (call.body as { targets: string[] }).targets.length)).toEqual([
      100, 100, 50,
    ]);
    expect(platform.calls[0]?.url.pathname).toBe(`/v5/iot/p1/batchtasks/${hexId(1)}/stop`);
    expect(result.failures).toEqual([{ deviceId: 'd150', code: 'IOTDA.014219', message: 'bad state' }]);
    await adapter.doRetryTask({ taskId: hexId(1) });
    expect(platform.calls.at(-1)).toMatchObject({ body: {} });
    expect(platform.calls.at(-1)?.url.pathname).toMatch(/\/retry$/);
  });

  it('pages task_details by marker', async () => {
    const details = Array.from({ length: 120 }, (_, n) => ({ id: hexId(n + 1) }));
    const platform = fake((call) => {
      const page = listPage(details, call.url).body as { items: { id: string }[]; page: unknown };
      return {
        status: 200,
        body: {
          batchtask: { task_id: 'x', status: 'Processing' },
          task_details: page.items.map((item) => ({ target: `dev_${item.id}`, status: 'Success' })),
          page: page.page,
        },
      };
    });
    const adapter = adapterWith(platform);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await adapter.doListTaskDevices!({ taskId: 'x', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.deviceId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(120);
    expect(platform.calls).toHaveLength(3);
  });

  it('stops at a full last page of task_details: page.count says no more (100 subtasks, 2 calls)', async () => {
    const details = Array.from({ length: 100 }, (_, n) => ({ id: hexId(n + 1) }));
    const platform = fake((call) => {
      const page = listPage(details, call.url).body as { items: { id: string }[]; page: unknown };
      return {
        status: 200,
        body: {
          batchtask: { task_id: 'x', status: 'Success' },
          task_details: page.items.map((item) => ({ target: `dev_${item.id}`, status: 'Success' })),
          page: page.page,
        },
      };
    });
    const adapter = adapterWith(platform);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await adapter.doListTaskDevices!({ taskId: 'x', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.deviceId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(100);
    expect(platform.calls).toHaveLength(2);
  });

  it('resolves group names through the group API once, then creates with targets_filter', async () => {
    const platform = fake((call) => {
      if (call.url.pathname.endsWith('/device-group')) {
        return {
          status: 200,
          body: { device_groups: [{ group_id: 'gid-north', name: call.url.searchParams.get('name') }] },
        };
      }
      return { status: 201, body: { task_id: hexId(9) } };
    });
    const adapter = adapterWith(platform);
    const groupTask: TaskPlanV1 = {
      kind: 'native',
      name: 'fw_0001',
      index: 0,
      target: { type: 'GroupList', groupNames: ['north'] },
    };
    await adapter.doCreateTask({ task: groupTask, operation: campaign.operation, policy: campaign.policy });
    await adapter.doCreateTask({ task: groupTask, operation: campaign.operation, policy: campaign.policy });
    expect(platform.calls.map((call) => call.url.pathname.split('/').at(-1))).toEqual([
      'device-group',
      'batchtasks',
      'batchtasks',
    ]);
    expect(platform.calls[1]?.body).toMatchObject({ targets_filter: { group_ids: ['gid-north'] } });
    expect(adapter.buildCreateRequest(groupTask, campaign).body).toMatchObject({
      targets_filter: { group_ids: ['gid-north'] },
    });
    const none = fake(() => ({ status: 200, body: { device_groups: [] } }));
    await expect(
      adapterWith(none).doCreateTask({
        task: groupTask,
        operation: campaign.operation,
        policy: campaign.policy,
      }),
    ).rejects.toThrow(/no device group named "north"/);
  });

  it('finds an exact group name past a first page of partial matches', async () => {
    const groups = [
      ...Array.from({ length: 60 }, (_, n) => ({ id: hexId(1000 - n), name: `north_${n}` })),
      { id: hexId(10), name: 'north' },
    ];
    const platform = fake((call) => {
      if (call.url.pathname.endsWith('/device-group')) {
        const page = listPage(groups, call.url).body as { items: typeof groups; page: unknown };
        return {
          status: 200,
          body: { device_groups: page.items.map((g) => ({ group_id: g.id, name: g.name })), page: page.page },
        };
      }
      return { status: 201, body: { task_id: hexId(9) } };
    });
    const groupTask: TaskPlanV1 = {
      kind: 'native',
      name: 'fw_0002',
      index: 0,
      target: { type: 'GroupList', groupNames: ['north'] },
    };
    await adapterWith(platform).doCreateTask({
      task: groupTask,
      operation: campaign.operation,
      policy: campaign.policy,
    });
    expect(platform.calls.at(-1)?.body).toMatchObject({ targets_filter: { group_ids: [hexId(10)] } });
    expect(platform.calls.filter((call) => call.url.pathname.endsWith('/device-group'))).toHaveLength(2);
  });

  it('expands DeviceType through products and the device list, in bounded batches', async () => {
    const devices = Array.from({ length: 130 }, (_, n) => ({
      id: hexId(n + 1),
      product_id: n % 2 === 0 ? 'p-water' : 'p-gas',
    }));
    const platform = fake((call) => {
      if (call.url.pathname.endsWith('/products')) {
        return {
          status: 200,
          body: {
            products: [
              {
                product_id: 'p-water',
                name: 'SmartWaterMeter',
                device_type: 'WaterMeter',
                manufacturer_name: 'HZWM',
              },
              { product_id: 'p-gas', name: 'GasMeter', device_type: 'GasMeter', manufacturer_name: 'SZGM' },
            ],
          },
        };
      }
      const productId = call.url.searchParams.get('product_id');
      const page = listPage(
        devices.filter((d) => !productId || d.product_id === productId),
        call.url,
      ).body as {
        items: typeof devices;
        page: unknown;
      };
      return {
        status: 200,
        body: {
          devices: page.items.map((d) => ({ device_id: d.id, product_id: d.product_id })),
          page: page.page,
        },
      };
    });
    const directory = adapterWith(platform).doOpenDirectory!({});
    const batches: number[] = [];
    const ids: string[] = [];
    for await (const batch of directory.devices(
      { type: 'DeviceType', deviceType: 'WaterMeter' },
      { batchSize: 20 },
    )) {
      batches.push(batch.length);
      ids.push(...batch.map((record) => record.id));
      expect(
        batch.every((record) => record.deviceType === 'WaterMeter' && record.manufacturerId === 'HZWM'),
      ).toBe(true);
    }
    expect(ids).toHaveLength(65);
    expect(Math.max(...batches)).toBeLessThanOrEqual(20);
    expect(directory.selectors.has('DeviceArea')).toBe(false);
  });
});
