import type { Campaign } from '@fleetcast/core';
import type { Fleet } from '@fleetcast/simulator';

/** The two campaigns the demo runs, and what the audience should know about them. */
export interface DemoCampaigns {
  /** v5: firmware upgrade of the most common device type, expanded into explicit 30,000-ID tasks. */
  firmware: Campaign;
  firmwareDevices: number;
  /** Legacy: a command to every device of the most populated area, selected by the platform (native). */
  command: Campaign;
  commandDevices: number;
}

/** Most frequent value of `key` over the fleet, and its count (ties: the first seen). */
function mostCommon(fleet: Fleet, key: (index: number) => string): { value: string; count: number } {
  const counts = new Map<string, number>();
  for (let index = 0; index < fleet.size; index++) {
    const value = key(index);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best = { value: '', count: -1 };
  for (const [value, count] of counts) if (count > best.count) best = { value, count };
  return best;
}

/**
 * Picks the demo's targets from the fleet: the largest device type (so the v5 campaign needs more than
 * one 30,000-ID task) and the largest area (one native legacy task).
 */
export function demoCampaigns(fleet: Fleet): DemoCampaigns {
  const deviceType = mostCommon(fleet, (index) => fleet.productOf(index).deviceType);
  const area = mostCommon(fleet, (index) => fleet.locationOf(index));
  return {
    firmware: {
      name: `demo_firmware_${deviceType.value}`,
      target: { type: 'DeviceType', deviceType: deviceType.value },
      operation: { type: 'firmwareUpgrade', packageIds: ['5f0c8d2a9e4b7c1d3a6f2e90'] },
    },
    firmwareDevices: deviceType.count,
    command: {
      name: `demo_reboot_${area.value.replace(/[^A-Za-z0-9_]/g, '_')}`,
      target: { type: 'DeviceArea', location: area.value },
      operation: {
        type: 'command',
        serviceId: 'Maintenance',
        commandName: 'REBOOT',
        paras: { delaySeconds: 5 },
      },
      policy: { timeout: 30, maxRetransmit: 1 },
    },
    commandDevices: area.count,
  };
}
