import { type AdapterInfo, type Campaign, type DeviceDirectory, planStream } from '@fleetcast/core';

/** Tasks and devices of a whole plan, counted before the run. */
export interface KnownPlan {
  tasks: number;
  devices: number;
}

/**
 * Counts the whole plan up front when that is cheap and exact: a `DeviceList` target, or a fleet file
 * (read once more, offline). The run streams its plan, so a Ctrl-C during planning would otherwise report
 * only the tasks planned so far as if they were all. Undefined for a platform directory (listing it twice
 * would spend the call budget) and when the count fails (the run reports that failure itself).
 */
export async function countKnownPlan(
  campaign: Campaign,
  adapter: AdapterInfo,
  directory: DeviceDirectory | undefined,
  options: { fromFile: boolean; skipInvalidDevices?: boolean; signal?: AbortSignal },
): Promise<KnownPlan | undefined> {
  if (!options.fromFile && campaign.target.type !== 'DeviceList') return undefined;
  const known: KnownPlan = { tasks: 0, devices: 0 };
  try {
    for await (const task of planStream(campaign, {
      adapter,
      ...(directory ? { directory } : {}),
      ...(options.skipInvalidDevices ? { skipInvalidDevices: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })) {
      known.tasks += 1;
      if (task.kind === 'explicit') known.devices += task.deviceIds.length;
      else return undefined; // a native task's size is the platform's to say
    }
  } catch {
    return undefined;
  }
  return known;
}
