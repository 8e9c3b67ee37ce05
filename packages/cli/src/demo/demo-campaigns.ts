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
  /** v5: a rules-targeted firmware rollout in three waves (1 %, 10 %, 100 %) with a gate and abort criteria. */
  rollout: Campaign;
}

/**
 * The demo fleet's product mix: a water utility's fleet, mostly water meters (the first two catalogue
 * products), so that one device type needs several 30,000-ID tasks on v5.
 */
export const demoProductWeights: readonly number[] = [30, 15, 10, 8, 7, 8, 6, 6, 5, 5];

/** The rollout campaign's abort criterion: more than 10 % of a wave's finished devices failed or timed out. */
export const demoAbortThresholdPercent = 10;

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
 * one 30,000-ID task), the largest area (one native legacy task), and for the rollout the devices of that
 * type on an older firmware, in the Shenzhen districts or in the first group.
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
    rollout: {
      name: `demo_rollout_${deviceType.value}`,
      target: {
        type: 'Rules',
        conditions: {
          all: [
            // Pinned device type: the planner asks the directory for this subset before filtering.
            { fact: 'deviceType', operator: 'equal', value: deviceType.value },
            { condition: 'olderFirmware' },
            {
              any: [
                {
                  fact: 'location',
                  operator: 'in',
                  value: fleet.locations.filter((name) => name.startsWith('Shenzhen')),
                },
                { fact: 'groupIds', operator: 'contains', value: fleet.groups[0]?.groupId ?? '' },
              ],
            },
          ],
        },
        namedConditions: {
          olderFirmware: {
            all: [{ fact: 'firmwareVersion', operator: 'in', value: fleet.firmwareVersions.slice(0, -1) }],
          },
        },
      },
      operation: { type: 'firmwareUpgrade', packageIds: ['7d1e4b9a2c3f5e6d8a0b1c2d'] },
      rollout: {
        waves: [{ percent: 1 }, { percent: 10 }, { percent: 100 }],
        salt: 'demo',
        gate: { minFinishedFraction: 1, minSuccessRate: 0.9 },
        abort: {
          action: 'abort',
          criteria: [
            { failureType: 'any', thresholdPercent: demoAbortThresholdPercent, minFinishedDevices: 50 },
          ],
        },
      },
    },
  };
}
