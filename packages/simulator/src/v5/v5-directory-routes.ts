import type { FleetDevice } from '../fleet/fleet.js';
import { HttpReply } from '../http/http-reply.js';
import { checkString } from '../http/input-problem.js';
import type { HttpExchange, Route } from '../http/route.js';
import type { SimulatorContext } from '../simulator-context.js';
import { compactUtc } from '../compact-utc.js';
import { authorizeV5 } from './v5-auth.js';
import { V5_APP_ID } from './v5-create-request.js';
import { V5_ERRORS, v5Error } from './v5-errors.js';
import { withV5Input } from './v5-input.js';
import { pageSorted, readV5Paging } from './v5-paging.js';
import { detailId } from './v5-task-routes.js';

/**
 * IoTDA look-ups an adapter needs to expand targets: device list (filter by product, marker paging),
 * one device, products, device groups and the devices of one group. Field names follow Huawei's
 * IoTDA API reference (see docs/simulator.md for the pages).
 */
export function v5DirectoryRoutes(ctx: SimulatorContext): Route[] {
  const base = '^/v5/iot/([^/]+)';
  return [
    {
      name: 'v5.listDevices',
      api: 'v5',
      method: 'GET',
      pattern: new RegExp(`${base}/devices$`),
      handle: (ex) => listDevices(ctx, ex),
    },
    {
      name: 'v5.showDevice',
      api: 'v5',
      method: 'GET',
      pattern: new RegExp(`${base}/devices/([^/]+)$`),
      handle: (ex) => showDevice(ctx, ex),
    },
    {
      name: 'v5.listProducts',
      api: 'v5',
      method: 'GET',
      pattern: new RegExp(`${base}/products$`),
      handle: (ex) => listProducts(ctx, ex),
    },
    {
      name: 'v5.listGroups',
      api: 'v5',
      method: 'GET',
      pattern: new RegExp(`${base}/device-group$`),
      handle: (ex) => listGroups(ctx, ex),
    },
    {
      name: 'v5.groupDevices',
      api: 'v5',
      method: 'GET',
      pattern: new RegExp(`${base}/device-group/([^/]+)/devices$`),
      handle: (ex) => groupDevices(ctx, ex),
    },
  ];
}

function space(ctx: SimulatorContext) {
  return ctx.resourceSpaces[0] as { appId: string; appName: string };
}

/** Whether the optional `app_id` filter names the one resource space (400 when it breaks the ID rule). */
function checkAppFilter(ctx: SimulatorContext, query: URLSearchParams): boolean {
  const appId = query.get('app_id');
  if (appId !== null) withV5Input(() => checkString(appId, V5_APP_ID, 'app_id'));
  return appId === null || appId === space(ctx).appId;
}

/** `QueryDeviceSimplify` of the device list. */
function deviceSummary(ctx: SimulatorContext, device: FleetDevice): Record<string, unknown> {
  return {
    app_id: space(ctx).appId,
    app_name: space(ctx).appName,
    device_id: device.deviceId,
    node_id: device.nodeId,
    gateway_id: device.deviceId,
    device_name: device.deviceName,
    node_type: 'GATEWAY',
    description: `${device.product.deviceType} in ${device.location}`,
    fw_version: device.firmwareVersion,
    sw_version: device.softwareVersion,
    device_sdk_version: 'C_v1.0.0',
    product_id: device.product.productId,
    product_name: device.product.name,
    status: device.status,
    tags: [],
  };
}

function listDevices(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  authorizeV5(ctx, ex, ex.params[0] as string);
  const query = ex.url.searchParams;
  const paging = withV5Input(() => readV5Paging(query));
  const fleet = ctx.fleet;
  const productId = query.get('product_id');
  const nodeId = query.get('node_id');
  if (!checkAppFilter(ctx, query))
    return new HttpReply(200, { devices: [], page: { count: 0, marker: paging.marker } });
  let length = fleet.size;
  let at = (position: number) => position;
  if (productId !== null) {
    const productIndex = fleet.products.findIndex((product) => product.productId === productId);
    const members = productIndex < 0 ? new Int32Array(0) : fleet.membersOfProduct(productIndex);
    length = members.length;
    at = (position) => members[position] as number;
  }
  if (nodeId !== null) {
    const matches: number[] = [];
    for (let position = 0; position < length; position++)
      if (fleet.device(at(position)).nodeId === nodeId) matches.push(at(position));
    length = matches.length;
    at = (position) => matches[position] as number;
  }
  const { items, page } = pageSorted(length, at, detailId, paging);
  return new HttpReply(200, { devices: items.map((index) => deviceSummary(ctx, fleet.device(index))), page });
}

function showDevice(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  authorizeV5(ctx, ex, ex.params[0] as string);
  const index = ctx.fleet.indexOf(ex.params[1] as string);
  if (index < 0) throw v5Error(V5_ERRORS.resourceNotFound, 'The device does not exist.');
  const device = ctx.fleet.device(index);
  return new HttpReply(200, {
    ...deviceSummary(ctx, device),
    create_time: compactUtc(ctx.fleet.referenceTime - 365 * 86_400_000),
    connection_status_update_time: compactUtc(device.lastSeen),
    // extension_info is IoTDA's free-form device field; the simulator keeps the fleet's facts there.
    extension_info: {
      location: device.location,
      group_ids: device.groupIds,
      last_seen: compactUtc(device.lastSeen),
      battery_percent: device.facts.batteryPercent,
      signal_dbm: device.facts.signalDbm,
      install_year: device.facts.installYear,
    },
  });
}

function listProducts(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  authorizeV5(ctx, ex, ex.params[0] as string);
  const query = ex.url.searchParams;
  const paging = withV5Input(() => readV5Paging(query));
  const products = checkAppFilter(ctx, query) ? ctx.fleet.products : [];
  // Newest first: later catalogue entries were created later.
  const { items, page } = pageSorted(
    products.length,
    (position) => products.length - 1 - position,
    detailIdOfRecord,
    paging,
  );
  return new HttpReply(200, {
    products: items.map((productIndex) => {
      const product = ctx.fleet.products[productIndex] as (typeof ctx.fleet.products)[number];
      return {
        app_id: space(ctx).appId,
        app_name: space(ctx).appName,
        product_id: product.productId,
        name: product.name,
        device_type: product.deviceType,
        protocol_type: product.protocolType,
        data_format: 'json',
        manufacturer_name: product.manufacturerName,
        industry: 'smart city',
        description: `${product.manufacturerId} ${product.model}`,
        create_time: product.createTime,
      };
    }),
    page,
  });
}

/** Record IDs for products and groups: newer (higher index) records get larger IDs. */
function detailIdOfRecord(recordIndex: number): string {
  return (recordIndex + 1).toString(16).padStart(24, '0');
}

function listGroups(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  authorizeV5(ctx, ex, ex.params[0] as string);
  const query = ex.url.searchParams;
  const paging = withV5Input(() => readV5Paging(query));
  const name = query.get('name');
  const groupType = query.get('group_type');
  if (groupType !== null && groupType !== 'STATIC' && groupType !== 'DYNAMIC') {
    throw v5Error(V5_ERRORS.invalidInput, 'group_type must be STATIC or DYNAMIC.');
  }
  const groups = ctx.fleet.groups;
  const selected: number[] = [];
  if (checkAppFilter(ctx, query) && groupType !== 'DYNAMIC') {
    for (let index = groups.length - 1; index >= 0; index--) {
      if (name === null || (groups[index] as { name: string }).name.includes(name)) selected.push(index);
    }
  }
  const { items, page } = pageSorted(
    selected.length,
    (position) => selected[position] as number,
    detailIdOfRecord,
    paging,
  );
  return new HttpReply(200, {
    device_groups: items.map((index) => {
      const group = groups[index] as (typeof groups)[number];
      return {
        group_id: group.groupId,
        name: group.name,
        description: group.description,
        super_group_id: '',
        group_type: 'STATIC',
      };
    }),
    page,
  });
}

function groupDevices(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  authorizeV5(ctx, ex, ex.params[0] as string);
  const paging = withV5Input(() => readV5Paging(ex.url.searchParams));
  const group = ctx.fleet.groupById(ex.params[1] as string);
  if (group === undefined) throw v5Error(V5_ERRORS.resourceNotFound, 'The device group does not exist.');
  const { items, page } = pageSorted(
    group.members.length,
    (position) => group.members[position] as number,
    detailId,
    paging,
  );
  return new HttpReply(200, {
    devices: items.map((index) => {
      const device = ctx.fleet.device(index);
      return {
        device_id: device.deviceId,
        device_name: device.deviceName,
        node_id: device.nodeId,
        product_id: device.product.productId,
      };
    }),
    page,
  });
}
