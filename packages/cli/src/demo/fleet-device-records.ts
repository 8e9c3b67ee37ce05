import type { DeviceRecord } from '@fleetcast/core';
import type { Fleet } from '@fleetcast/simulator';

/**
 * The simulator's fleet as directory records, one at a time: what a device inventory export (a CMDB,
 * or `--devices fleet.jsonl`) would give fleetcast for the same devices.
 */
export function* fleetDeviceRecords(fleet: Fleet): Generator<DeviceRecord> {
  for (let index = 0; index < fleet.size; index++) {
    const device = fleet.device(index);
    yield {
      id: device.deviceId,
      deviceType: device.product.deviceType,
      manufacturerId: device.product.manufacturerId,
      model: device.product.model,
      location: device.location,
      groupIds: [...device.groupIds],
      facts: { firmwareVersion: device.firmwareVersion, status: device.status, ...device.facts },
    };
  }
}
