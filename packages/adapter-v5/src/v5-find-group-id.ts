import type { CallMeterV1 } from '@fleetcast/core';
import { withReadRetries } from '@fleetcast/core/adapter-kit';
import type { V5DeviceGroupSummary, V5ListDeviceGroupsResponse } from './v5-api.js';
import { v5MaxPageSize } from './v5-api.js';
import type { V5Client } from './v5-client.js';
import { v5Pages } from './v5-pages.js';

/**
 * The ID of the device group named exactly `name`, or `undefined`. The group API's `name` filter may
 * match more than the exact name (the simulator matches substrings), so pages are walked until an exact
 * match turns up. Every page draws from `meter` (kind `lookup`): no caller has budgeted any of them.
 */
export async function findV5GroupId(
  client: V5Client,
  name: string,
  options: { appId?: string; signal?: AbortSignal; meter?: CallMeterV1 | undefined } = {},
): Promise<string | undefined> {
  const pages = v5Pages<V5DeviceGroupSummary>(
    async ({ marker, limit }) => {
      const body = await withReadRetries(options.meter, options.signal, () =>
        client.get<V5ListDeviceGroupsResponse>(
          '/device-group',
          { name, limit, marker, app_id: options.appId },
          'list device groups',
          options.signal,
          { meter: options.meter, kind: 'lookup' },
        ),
      );
      return { items: body.device_groups ?? [], ...(body.page ? { page: body.page } : {}) };
    },
    { limit: v5MaxPageSize, idOf: (group) => group.group_id },
  );
  for await (const page of pages) {
    const match = page.find((group) => group.name === name);
    if (match) return match.group_id;
  }
  return undefined;
}
