import type { TargetSpec } from '../campaign/target-spec.js';
import { checkDeviceIds } from './check-device-ids.js';
import { type ExpandTargetOptions, expandTarget } from './expand-target.js';
import type { PlanOptions } from './plan-options.js';

/** Names what yielded a target's IDs, in messages: `the device list`, `the directory's DeviceType answer`. */
export function sourceDescriptionOf(target: TargetSpec): string {
  return target.type === 'DeviceList' ? 'the device list' : `the directory's ${target.type} answer`;
}

/**
 * {@link expandTarget}, with every ID a directory yields checked like a `DeviceList` entry (a list was checked
 * by validation already). `reportRefusals: false` checks without reporting, for the later passes over the
 * same directory that rollout waves make.
 */
export function checkedTargetIds(
  target: TargetSpec,
  options: PlanOptions,
  expand: ExpandTargetOptions & { reportRefusals: boolean },
): AsyncIterable<readonly string[]> {
  const { reportRefusals, ...expandOptions } = expand;
  const batches = expandTarget(target, options.directory, expandOptions);
  if (target.type === 'DeviceList') return batches;
  return checkDeviceIds(batches, {
    sourceDescription: sourceDescriptionOf(target),
    skipInvalid: options.skipInvalidDevices ?? false,
    ...(reportRefusals && options.onDeviceRefused ? { onRefused: options.onDeviceRefused } : {}),
  });
}

/** The duplicate callback of the chunker under these options. */
export function duplicateReporter(
  target: TargetSpec,
  options: PlanOptions,
): ((deviceId: string) => void) | undefined {
  const receive = options.onDeviceRefused;
  if (receive === undefined) return undefined;
  const source = sourceDescriptionOf(target);
  return (deviceId) =>
    receive({
      reason: 'duplicate',
      deviceId,
      message: `${source}: ${JSON.stringify(deviceId)} was yielded again (the first occurrence is kept)`,
    });
}
