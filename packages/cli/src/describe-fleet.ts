import type { Fleet } from '@fleetcast/simulator';
import { formatCount } from './progress/format-number.js';

/** Entries listed per kind (device types, areas, groups); the rest are counted. */
const listed = 8;

function countBy<Key>(fleet: Fleet, keysOf: (index: number) => readonly Key[]): Map<Key, number> {
  const counts = new Map<Key, number>();
  for (let index = 0; index < fleet.size; index++) {
    for (const key of keysOf(index)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function largestFirst<Key>(counts: Map<Key, number>): [Key, number][] {
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function more(total: number): string {
  return total > listed ? `, and ${formatCount(total - listed)} more` : '';
}

/**
 * What a new user needs to write a campaign for the simulated fleet: its device types (with the
 * manufacturer and model legacy `DeviceType` targets name, and an example ID), its areas and its groups,
 * each with its device count, largest first.
 */
export function describeFleet(fleet: Fleet): string[] {
  const byProduct = largestFirst(countBy(fleet, (index) => [fleet.device(index).product]));
  const byArea = largestFirst(countBy(fleet, (index) => [fleet.device(index).location]));
  const groups = [...fleet.groups].sort((a, b) => b.members.length - a.members.length);
  const exampleOf = (productId: string): string => {
    for (let index = 0; index < fleet.size; index++) {
      if (fleet.device(index).product.productId === productId) return fleet.deviceId(index);
    }
    return '?';
  };
  return [
    `Fleet: ${formatCount(fleet.size)} devices`,
    `  device types (deviceType, manufacturerId, model: devices, e.g.):`,
    ...byProduct
      .slice(0, listed)
      .map(
        ([product, count]) =>
          `    ${product.deviceType}, ${product.manufacturerId}, ${product.model}: ${formatCount(count)}, e.g. ${exampleOf(product.productId)}`,
      ),
    ...(byProduct.length > listed ? [`    … and ${formatCount(byProduct.length - listed)} more`] : []),
    `  areas (location): ${byArea
      .slice(0, listed)
      .map(([area, count]) => `${area} ${formatCount(count)}`)
      .join(', ')}${more(byArea.length)}`,
    `  groups (groupIds / groupNames): ${groups
      .slice(0, listed)
      .map((group) => `${group.groupId} "${group.name}" ${formatCount(group.members.length)}`)
      .join(', ')}${more(groups.length)}`,
  ];
}
