import type { Fleet } from '../fleet/fleet.js';

/** A task's resolved targets: fleet indexes, with `-1 - k` standing for `unknownIds[k]`. */
export interface ResolvedTargets {
  targets: Int32Array;
  unknownIds: string[];
}

/**
 * Resolves an explicit device ID list against the fleet, keeping the client's order and dropping
 * repeats. Unknown IDs stay in the list (they become failed subtasks, as on the platform).
 */
export function resolveDeviceIds(fleet: Fleet, deviceIds: readonly string[]): ResolvedTargets {
  const targets = new Int32Array(deviceIds.length);
  const unknownIds: string[] = [];
  const unknownSeen = new Set<string>();
  const firstTime = fleet.markOnce();
  let length = 0;
  for (const deviceId of deviceIds) {
    const index = fleet.indexOf(deviceId);
    if (index >= 0) {
      if (firstTime(index)) targets[length++] = index;
    } else if (!unknownSeen.has(deviceId)) {
      unknownSeen.add(deviceId);
      unknownIds.push(deviceId);
      targets[length++] = -unknownIds.length;
    }
  }
  return { targets: targets.subarray(0, length).slice(), unknownIds };
}

/** Union of several ascending index lists (group members, product members), ascending and unique. */
export function unionOfIndexLists(lists: readonly Int32Array[]): ResolvedTargets {
  if (lists.length === 1) return { targets: (lists[0] as Int32Array).slice(), unknownIds: [] };
  const merged = new Int32Array(lists.reduce((sum, list) => sum + list.length, 0));
  let offset = 0;
  for (const list of lists) {
    merged.set(list, offset);
    offset += list.length;
  }
  merged.sort();
  let length = 0;
  for (let position = 0; position < merged.length; position++) {
    if (position === 0 || merged[position] !== merged[position - 1])
      merged[length++] = merged[position] as number;
  }
  return { targets: merged.slice(0, length), unknownIds: [] };
}

/** Every device of the fleet, in fleet order (legacy `Broadcast`). */
export function wholeFleet(fleet: Fleet): ResolvedTargets {
  const targets = new Int32Array(fleet.size);
  for (let index = 0; index < fleet.size; index++) targets[index] = index;
  return { targets, unknownIds: [] };
}

/** Devices whose fleet index passes `keep`, in fleet order (legacy `DeviceArea`). */
export function filterFleet(
  fleet: Fleet,
  keep: (index: number) => boolean,
  candidates?: Int32Array,
): ResolvedTargets {
  const out: number[] = [];
  if (candidates !== undefined) {
    for (const index of candidates) if (keep(index)) out.push(index);
  } else {
    for (let index = 0; index < fleet.size; index++) if (keep(index)) out.push(index);
  }
  return { targets: Int32Array.from(out), unknownIds: [] };
}

/** The device ID of subtask `position` of a task. */
export function targetIdAt(
  fleet: Fleet,
  resolved: { targets: Int32Array; unknownIds: readonly string[] },
  position: number,
): string {
  const index = resolved.targets[position] as number;
  return index >= 0 ? fleet.deviceId(index) : (resolved.unknownIds[-1 - index] as string);
}
