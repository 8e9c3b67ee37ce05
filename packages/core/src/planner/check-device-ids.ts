import { invalidDeviceIdMessage, isValidDeviceId } from '../validation/device-id.js';
import type { DeviceRefusal } from './device-refusal.js';
import { PlanningError } from '../errors/planning-error.js';

/** Options of {@link checkDeviceIds}. */
export interface CheckDeviceIdsOptions {
  /** Names the source in messages, e.g. `the directory's DeviceType answer`. */
  sourceDescription: string;
  /** Leave invalid IDs out (reported through `onRefused`) instead of stopping. */
  skipInvalid: boolean;
  onRefused?: (refusal: DeviceRefusal) => void;
}

/**
 * Applies the `DeviceList` rule for device IDs to what a directory yields, so that an ID the platform would
 * refuse at create (failing a whole 30,000-device task) never reaches a task. Without `skipInvalid`, the first
 * invalid ID throws `FLEETCAST_INVALID_DEVICE_RECORD`. A batch of valid IDs is passed on as is: the check costs
 * one anchored regular-expression test per ID and no allocation.
 */
export async function* checkDeviceIds(
  batches: AsyncIterable<readonly string[]>,
  options: CheckDeviceIdsOptions,
): AsyncGenerator<readonly string[]> {
  let offered = 0;
  for await (const batch of batches) {
    let kept: string[] | undefined;
    for (let index = 0; index < batch.length; index++) {
      const id: unknown = batch[index];
      if (isValidDeviceId(id)) {
        kept?.push(id);
        continue;
      }
      const message = invalidDeviceIdMessage(`${options.sourceDescription}, ID ${offered + index + 1}`, id);
      if (!options.skipInvalid) {
        throw new PlanningError(
          'FLEETCAST_INVALID_DEVICE_RECORD',
          `${message}; nothing was planned past it (skip invalid devices with skipInvalidDevices)`,
        );
      }
      options.onRefused?.({ reason: 'invalid_device_id', deviceId: id, message });
      kept ??= batch.slice(0, index) as string[];
    }
    offered += batch.length;
    const out = kept ?? batch;
    if (out.length > 0) yield out;
  }
}
