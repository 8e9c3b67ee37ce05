import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { call, v5Headers } from './__test-helpers__/sim-client.js';

let sim: Simulator;
let base: string;
let headers: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({
    devices: 2500,
    seed: 5,
    timeScale: 0,
    rateLimit: { calls: 10_000, windowMs: 60_000 },
  });
  base = `/v5/iot/${sim.credentials.v5.projectId}`;
  headers = v5Headers(sim);
});
afterAll(() => sim.close());

type Page = { count: number; marker: string };

describe('v5 device, product and group look-ups', () => {
  it('lists devices with the QueryDeviceSimplify keys', async () => {
    const answer = await call<{ devices: Record<string, unknown>[]; page: Page }>(
      sim,
      'GET',
      `${base}/devices?limit=2`,
      { headers },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.page.count).toBe(2500);
    expect(Object.keys(answer.body.devices[0] ?? {}).sort()).toEqual(
      [
        'app_id',
        'app_name',
        'description',
        'device_id',
        'device_name',
        'device_sdk_version',
        'fw_version',
        'gateway_id',
        'node_id',
        'node_type',
        'product_id',
        'product_name',
        'status',
        'sw_version',
        'tags',
      ].sort(),
    );
    const first = answer.body.devices[0] as { device_id: string; product_id: string; node_id: string };
    expect(first.device_id).toBe(`${first.product_id}_${first.node_id}`);
  });

  it('filters devices by product and pages them by marker to exactly the product members', async () => {
    const product = sim.fleet.products[2]!;
    const seen: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const query = `product_id=${product.productId}&limit=50${marker ? `&marker=${marker}` : ''}`;
      const answer = await call<{ devices: { device_id: string; product_id: string }[]; page: Page }>(
        sim,
        'GET',
        `${base}/devices?${query}`,
        { headers },
      );
      if (answer.body.devices.length === 0) break;
      for (const device of answer.body.devices) {
        expect(device.product_id).toBe(product.productId);
        seen.push(device.device_id);
      }
      marker = answer.body.page.marker;
    }
    expect(seen).toEqual(Array.from(sim.fleet.membersOfProduct(2), (index) => sim.fleet.deviceId(index)));
  });

  it('shows one device with its facts in extension_info, 404 otherwise', async () => {
    const device = sim.fleet.device(17);
    const answer = await call(sim, 'GET', `${base}/devices/${device.deviceId}`, { headers });
    expect(answer.body).toMatchObject({
      device_id: device.deviceId,
      fw_version: device.firmwareVersion,
      extension_info: { location: device.location, group_ids: device.groupIds },
    });
    expect((await call(sim, 'GET', `${base}/devices/nobody`, { headers })).status).toBe(404);
  });

  it('lists products with device_type and manufacturer_name so selectors map to product_id', async () => {
    const answer = await call<{ products: Record<string, string>[]; page: Page }>(
      sim,
      'GET',
      `${base}/products?limit=50`,
      { headers },
    );
    expect(answer.body.page.count).toBe(sim.fleet.products.length);
    const byId = new Map(answer.body.products.map((product) => [product.product_id, product]));
    for (const product of sim.fleet.products) {
      expect(byId.get(product.productId)).toMatchObject({
        name: product.model,
        device_type: product.deviceType,
        manufacturer_name: product.manufacturerName,
      });
    }
  });

  it('lists groups and the devices of one group', async () => {
    const groups = await call<{ device_groups: Record<string, string>[]; page: Page }>(
      sim,
      'GET',
      `${base}/device-group?limit=50`,
      { headers },
    );
    expect(groups.body.page.count).toBe(sim.fleet.groups.length);
    expect(Object.keys(groups.body.device_groups[0] ?? {}).sort()).toEqual([
      'description',
      'group_id',
      'group_type',
      'name',
      'super_group_id',
    ]);
    const group = sim.fleet.groups[0]!;
    const members = await call<{ devices: Record<string, string>[]; page: Page }>(
      sim,
      'GET',
      `${base}/device-group/${group.groupId}/devices?limit=50`,
      { headers },
    );
    expect(members.body.page.count).toBe(group.members.length);
    expect(members.body.devices.map((device) => device.device_id)).toEqual(
      Array.from(group.members.slice(0, 50), (index) => sim.fleet.deviceId(index)),
    );
    expect(Object.keys(members.body.devices[0] ?? {}).sort()).toEqual([
      'device_id',
      'device_name',
      'node_id',
      'product_id',
    ]);
    expect((await call(sim, 'GET', `${base}/device-group/unknown/devices`, { headers })).status).toBe(404);
    const named = await call<{ device_groups: { name: string }[] }>(
      sim,
      'GET',
      `${base}/device-group?name=${encodeURIComponent(group.name)}`,
      { headers },
    );
    expect(named.body.device_groups.map((entry) => entry.name)).toContain(group.name);
  });

  it('filters look-ups by app_id: the one resource space, another (empty) or a malformed one (400)', async () => {
    const own = sim.credentials.v5.appId;
    for (const path of ['devices', 'products', 'device-group']) {
      const mine = await call<{ page: Page }>(sim, 'GET', `${base}/${path}?app_id=${own}`, { headers });
      expect(mine.body.page.count).toBeGreaterThan(0);
      const other = await call<{ page: Page }>(sim, 'GET', `${base}/${path}?app_id=other_space`, { headers });
      expect(other).toMatchObject({ status: 200, body: { page: { count: 0 } } });
      const malformed = await call(sim, 'GET', `${base}/${path}?app_id=${'a'.repeat(37)}`, { headers });
      expect(malformed).toMatchObject({ status: 400, body: { error_code: 'IOTDA.000006' } });
    }
  });

  it('answers unknown paths with 404 APIGW.0101 and a wrong method with 405', async () => {
    expect(await call(sim, 'GET', `${base}/nothing-here`, { headers })).toMatchObject({
      status: 404,
      body: { error_code: 'APIGW.0101' },
    });
    expect((await call(sim, 'PUT', `${base}/batchtasks`, { headers })).status).toBe(405);
  });
});
