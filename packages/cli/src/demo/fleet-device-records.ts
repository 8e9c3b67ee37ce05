import type { DeviceRecord } from '@fleetcast/core';
import type { Fleet } from '@fleetcast/simulator';

/**
 * The simulator's fleet as directory records, one at a time: what a device inventory export (a CMDB,
 * or `--devices fleet.jsonl`) would give fleetcast for the same devices.
 */
export function* fleetDeviceRecords(fleet: Fleet): Generator<DeviceRecord> {
  const groupNames = new Map(fleet.groups.map((group) => [group.groupId, group.name]));
  for (let index = 0; index < fleet.size; index++) {
    const device = fleet.device(index);
    yield {
      id: device.deviceId,
      deviceType: device.product.deviceType,
      manufacturerId: device.product.manufacturerId,
      model: device.product.model,
      location: device.location,
      groupIds: [...device.groupIds],
      // GroupList targets name groups; GroupIdList and Filter targets give their IDs.
      groupNames: device.groupIds.map((groupId) => groupNames.get(groupId) ?? groupId),
      facts: { firmwareVersion: device.firmwareVersion, status: device.status, ...device.facts },
    };
  }
}
