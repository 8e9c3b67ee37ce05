import type { JsonObject } from '../http/input-problem.js';
import type { Fleet } from '../fleet/fleet.js';
import {
  type ResolvedTargets,
  filterFleet,
  resolveDeviceIds,
  unionOfIndexLists,
  wholeFleet,
} from '../tasks/resolve-targets.js';

/**
 * Resolves a legacy `param` against the fleet: DeviceList (explicit IDs), DeviceType (+ optional
 * manufacturerId and model), DeviceArea (location), GroupList (group names), GroupIdList (group IDs)
 * and Broadcast (every device). `undefined` means a named device type or group does not exist.
 */
export function resolveLegacyTargets(fleet: Fleet, param: JsonObject): ResolvedTargets | undefined {
  switch (param.type) {
    case 'DeviceList':
      return resolveDeviceIds(fleet, param.deviceList as string[]);
    case 'DeviceType': {
      const lists: Int32Array[] = [];
      fleet.products.forEach((product, productIndex) => {
        if (product.deviceType !== param.deviceType) return;
        if (param.manufacturerId != null && product.manufacturerId !== param.manufacturerId) return;
        if (param.model != null && product.model !== param.model) return;
        lists.push(fleet.membersOfProduct(productIndex));
      });
      return lists.length === 0 ? undefined : unionOfIndexLists(lists);
    }
    case 'DeviceArea':
      return filterFleet(fleet, (index) => fleet.locationOf(index) === param.deviceLocation);
    case 'GroupList':
    case 'GroupIdList': {
      const lists: Int32Array[] = [];
      for (const key of param.groupList as string[]) {
        const group = param.type === 'GroupList' ? fleet.groupByName(key) : fleet.groupById(key);
        if (group === undefined) return undefined;
        lists.push(group.members);
      }
      return unionOfIndexLists(lists);
    }
    default:
      return wholeFleet(fleet);
  }
}
