import type { Campaign, CallMeterV1, MeteredCallKindV1, TaskPlanV1 } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { createV5Adapter } from './v5-adapter.js';

const campaign: Campaign = {
  name: 'reboot',
  target: { type: 'DeviceList', deviceIds: ['d1'] },
  operation: { type: 'command', serviceId: 'svc', commandName: 'reboot' },
};
const hexId = (n: number) => n.toString(16).padStart(24, '0');

/** A newest-first, marker-paged list of `count` records built by `make`. */
function listPage(url: URL, count: number, key: string, make: (id: string) => object) {
  const limit = Number(url.searchParams.get('limit') ?? 10);
  const marker = url.searchParams.get('marker') ?? 'ffffffffffffffffffffffff';
  const ids = Array.from({ length: count }, (_, n) => hexId(count - n)).filter((id) => id < marker);
  const page = ids.slice(0, limit).map(make);
  return { [key]: page, page: { count, marker: ids.slice(0, limit).at(-1) } };
}

/** A fake IoTDA that logs every request with how many metered slots were held while it was sent. */
function recordingPlatform(options: { rejectFirstToken?: boolean } = {}) {
  const log: string[] = [];
  const acquired: MeteredCallKindV1[] = [];
  let held = 0;
  const meter: CallMeterV1 = {
    async acquire(kind) {
      acquired.push(kind);
      held += 1;
      return () => {
        held -= 1;
      };
    },
  };
  const fetch: typeof globalThis.fetch = async (url, init) => {
    const parsed = new URL(String(url));
    const path = parsed.pathname.replace('/v5/iot/p1', '');
    log.push(`${init?.method ?? 'GET'} ${path} held=${held}`);
    const token = (init?.headers as Record<string, string> | undefined)?.['X-Auth-Token'];
    if (options.rejectFirstToken && token === 'token-1')
      return Response.json({ error_code: 'IOTDA.000004', error_msg: 'expired' }, { status: 401 });
    if (path === '/batchtasks' && init?.method === 'POST') return Response.json({ task_id: hexId(999) });
    if (path === '/batchtasks')
      return Response.json(
        listPage(parsed, 120, 'batchtasks', (id) => ({ task_id: id, task_name: `other_${id}` })),
      );
    if (path === '/products')
      return Response.json(
        listPage(parsed, 3, 'products', (id) => ({ product_id: id, device_type: 'Meter' })),
      );
    if (path === '/devices')
      return Response.json(
        listPage(parsed, 75, 'devices', (id) => ({ device_id: id, product_id: hexId(1) })),
      );
    if (path === '/device-group')
      return Response.json(listPage(parsed, 60, 'device_groups', (id) => ({ group_id: id, name: `g${id}` })));
    return Response.json({ error_code: 'IOTDA.000000', error_msg: 'unexpected' }, { status: 500 });
  };
  let tokens = 0;
  const adapter = createV5Adapter({
    endpoint: 'https://iotda.example.com',
    projectId: 'p1',
    token: () => `token-${++tokens}`,
    fetch,
  });
  return { log, acquired, meter, adapter };
}

describe('v5 adapter and the call meter', () => {
  it('find-by-name: the first page is the engine budget, each further page one `page` slot', async () => {
    const platform = recordingPlatform();
    const found = await platform.adapter.doFindTaskByName?.({
      name: 'missing',
      operation: campaign.operation,
      policy: campaign.policy,
      meter: platform.meter,
    });
    expect(found).toBeUndefined();
    // 120 tasks, 50 a page: 3 pages, the last two metered and sent while their slot was held.
    expect(platform.log).toEqual([
      'GET /batchtasks held=0',
      'GET /batchtasks held=1',
      'GET /batchtasks held=1',
    ]);
    expect(platform.acquired).toEqual(['page', 'page']);
  });

  it('a request sent again after a token refresh takes an `auth` slot', async () => {
    const platform = recordingPlatform({ rejectFirstToken: true });
    const task: TaskPlanV1 = { kind: 'explicit', name: 'reboot', index: 0, deviceIds: ['d1'] };
    await platform.adapter.doCreateTask({
      task,
      operation: campaign.operation,
      policy: campaign.policy,
      meter: platform.meter,
    });
    expect(platform.log).toEqual(['POST /batchtasks held=0', 'POST /batchtasks held=1']);
    expect(platform.acquired).toEqual(['auth']);
  });

  it('group names resolved for a create are `lookup` calls, every page of them', async () => {
    const platform = recordingPlatform();
    const task: TaskPlanV1 = {
      kind: 'native',
      name: 'reboot',
      index: 0,
      target: { type: 'GroupList', groupNames: [`g${hexId(5)}`] },
    };
    await platform.adapter.doCreateTask({
      task,
      operation: campaign.operation,
      policy: campaign.policy,
      meter: platform.meter,
    });
    // The group sits on the second page of 60 (newest first): two look-up pages, then the create itself.
    expect(platform.acquired).toEqual(['lookup', 'lookup']);
    expect(platform.log).toEqual([
      'GET /device-group held=1',
      'GET /device-group held=1',
      'POST /batchtasks held=0',
    ]);
  });

  it('an opened directory meters every page; each caller gets a directory of its own', async () => {
    const platform = recordingPlatform();
    const plain = platform.adapter.doOpenDirectory({});
    const metered = platform.adapter.doOpenDirectory({ meter: platform.meter });
    expect(metered).not.toBe(plain);
    let devices = 0;
    for await (const batch of metered?.devices({ type: 'Broadcast' }) ?? []) devices += batch.length;
    expect(devices).toBe(75);
    // One product page, two device pages: each one slot, each sent while holding it.
    expect(platform.acquired).toEqual(['page', 'page', 'page']);
    expect(platform.log.every((line) => line.endsWith('held=1'))).toBe(true);
  });
});
