import type { AdapterV1 } from '../adapter/v1/adapter-v1.js';
import type { CallMeterV1 } from '../adapter/v1/call-meter-v1.js';
import type { DeviceDirectory } from '../directory/device-directory.js';

/**
 * The directory the runner plans through (docs/runner.md, "The call budget"):
 * - a directory given (the caller's own database, a CSV): `given`, as is. Its requests, if any, do not
 *   reach the platform's API, so they are not the budget's business;
 * - none given: `adapter.doOpenDirectory({ signal, meter })`, whose every listing page draws from the budget
 *   (and, with the runner's directory meter, is repeated after a throttle, a 5xx or a reset: see
 *   `createDirectoryMeter`), or none when the adapter cannot list devices.
 */
export function planningDirectory(
  adapter: AdapterV1,
  given: DeviceDirectory | undefined,
  meter: CallMeterV1,
  signal: AbortSignal,
): DeviceDirectory | undefined {
  if (given !== undefined) return given;
  return adapter.doOpenDirectory?.({ signal, meter });
}
