import type {
  CallMeterV1,
  DeviceDirectory,
  DeviceRecord,
  DirectoryQuery,
  DirectoryReadOptions,
  DirectorySelector,
} from '@fleetcast/core';
import { withReadRetries } from '@fleetcast/core/adapter-kit';
import {
  type V5DeviceSummary,
  type V5ListDevicesResponse,
  type V5ListProductsResponse,
  type V5ProductSummary,
  v5MaxPageSize,
} from './v5-api.js';
import type { V5Client } from './v5-client.js';
import { findV5GroupId } from './v5-find-group-id.js';
import { v5Pages } from './v5-pages.js';

const selectors: ReadonlySet<DirectorySelector> = new Set([
  'Broadcast',
  'DeviceType',
  'GroupIdList',
  'Filter',
  'GroupList',
]);

/**
 * A directory over the v5 device, product and group APIs. Memory stays bounded by one batch plus the
 * product list (products are few): devices stream page by page (marker paging, 50 per page).
 * `DeviceArea` is not answerable: v5 devices carry no location. Devices in several of the requested
 * groups are yielded once (their IDs are remembered for the duration of that query only).
 * With a `meter`, every request draws from it: listing pages as `page`, group-name look-ups as `lookup`; a meter
 * with `retryRead` (the runner's) repeats a page that failed with a throttle, a 5xx or a reset.
 */
export function createV5Directory(
  client: V5Client,
  options: { appId?: string; signal?: AbortSignal; meter?: CallMeterV1 | undefined } = {},
): DeviceDirectory {
  const pageMetering = { meter: options.meter, kind: 'page' } as const;
  let products: Promise<Map<string, V5ProductSummary>> | undefined;

  function productMap(signal?: AbortSignal): Promise<Map<string, V5ProductSummary>> {
    products ??= (async () => {
      const map = new Map<string, V5ProductSummary>();
      const pages = v5Pages<V5ProductSummary>(
        async ({ marker, limit }) => {
          // A page is a read, safe to repeat: a throttle or 5xx is retried, not the end of the listing.
          const body = await withReadRetries(options.meter, signal, () =>
            client.get<V5ListProductsResponse>(
              '/products',
              { app_id: options.appId, limit, marker },
              'list products',
              signal,
              pageMetering,
            ),
          );
          return { items: body.products ?? [], ...(body.page ? { page: body.page } : {}) };
        },
        { limit: v5MaxPageSize, idOf: (product) => product.product_id },
      );
      for await (const page of pages) for (const product of page) map.set(product.product_id, product);
      return map;
    })();
    products.catch(() => {
      products = undefined;
    });
    return products;
  }

  function devicePages(
    path: string,
    query: Record<string, string | undefined>,
    signal?: AbortSignal,
  ): AsyncGenerator<V5DeviceSummary[]> {
    return v5Pages<V5DeviceSummary>(
      async ({ marker, limit }) => {
        const body = await withReadRetries(options.meter, signal, () =>
          client.get<V5ListDevicesResponse>(
            path,
            { ...query, limit, marker },
            'list devices',
            signal,
            pageMetering,
          ),
        );
        return { items: body.devices ?? [], ...(body.page ? { page: body.page } : {}) };
      },
      { limit: v5MaxPageSize, idOf: (device) => device.device_id },
    );
  }

  async function groupsNamed(names: readonly string[], signal?: AbortSignal): Promise<V5Group[]> {
    const groups: V5Group[] = [];
    for (const name of names) {
      const groupId = await findV5GroupId(client, name, {
        ...(options.appId === undefined ? {} : { appId: options.appId }),
        ...(signal ? { signal } : {}),
        meter: options.meter,
      });
      if (groupId !== undefined) groups.push({ groupId, name });
    }
    return groups;
  }

  async function* devices(
    query: DirectoryQuery,
    read: DirectoryReadOptions = {},
  ): AsyncGenerator<readonly DeviceRecord[]> {
    const signal = read.signal ?? options.signal;
    const batchSize = Math.max(1, read.batchSize ?? 1000);
    const byProduct = await productMap(signal);
    let batch: DeviceRecord[] = [];

    async function* sources(): AsyncGenerator<{ page: V5DeviceSummary[]; group?: V5Group }> {
      switch (query.type) {
        case 'Broadcast':
          for await (const page of devicePages('/devices', { app_id: options.appId }, signal)) yield { page };
          return;
        case 'DeviceType':
          for (const product of byProduct.values()) {
            if (!productMatches(product, query)) continue;
            for await (const page of devicePages(
              '/devices',
              { product_id: product.product_id, app_id: options.appId },
              signal,
            ))
              yield { page };
          }
          return;
        case 'GroupIdList':
        case 'Filter':
        case 'GroupList': {
          const groups =
            query.type === 'GroupList'
              ? await groupsNamed(query.groupNames, signal)
              : query.groupIds.map((groupId) => ({ groupId }));
          for (const group of groups) {
            for await (const page of devicePages(
              `/device-group/${encodeURIComponent(group.groupId)}/devices`,
              {},
              signal,
            ))
              yield { page, group };
          }
          return;
        }
        default:
          throw new TypeError(
            `the v5 directory cannot answer ${query.type} targets (v5 devices have no location)`,
          );
      }
    }

    const seen = query.type === 'Broadcast' || query.type === 'DeviceType' ? undefined : new Set<string>();
    for await (const { page, group } of sources()) {
      for (const device of page) {
        if (seen) {
          if (seen.has(device.device_id)) continue;
          seen.add(device.device_id);
        }
        batch.push(recordOf(device, byProduct, group));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  return { selectors, devices };
}

function productMatches(
  product: V5ProductSummary,
  query: Extract<DirectoryQuery, { type: 'DeviceType' }>,
): boolean {
  if (product.device_type !== query.deviceType) return false;
  if (
    query.manufacturerId !== undefined &&
    (product.manufacturer_id ?? product.manufacturer_name) !== query.manufacturerId
  ) {
    return false;
  }
  // v5 products have no model field in the public model; the product name plays that role when absent.
  return query.model === undefined || (product.model ?? product.name) === query.model;
}

/** The group a device was listed through; `name` when the query named it (GroupList). */
interface V5Group {
  groupId: string;
  name?: string;
}

/**
 * A device as the planner sees it. A device listed through a group carries that group's ID, and its name
 * when the query named groups, so every record answers its query (the `DeviceDirectory` contract).
 */
function recordOf(
  device: V5DeviceSummary,
  products: Map<string, V5ProductSummary>,
  group?: V5Group,
): DeviceRecord {
  const product = device.product_id === undefined ? undefined : products.get(device.product_id);
  const manufacturerId = product?.manufacturer_id ?? product?.manufacturer_name;
  const model = product?.model ?? product?.name;
  return {
    id: device.device_id,
    ...(product?.device_type === undefined ? {} : { deviceType: product.device_type }),
    ...(manufacturerId === undefined ? {} : { manufacturerId }),
    ...(model === undefined ? {} : { model }),
    ...(group === undefined ? {} : { groupIds: [group.groupId] }),
    ...(group?.name === undefined ? {} : { groupNames: [group.name] }),
    facts: {
      ...(device.product_id === undefined ? {} : { productId: device.product_id }),
      ...(device.status === undefined ? {} : { status: device.status }),
      ...(device.fw_version === undefined ? {} : { firmwareVersion: device.fw_version }),
      ...(device.sw_version === undefined ? {} : { softwareVersion: device.sw_version }),
    },
  };
}
