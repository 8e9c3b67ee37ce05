import type { AdapterV1 } from '../adapter/v1/adapter-v1.js';
import type { CallMeter } from '../adapter/v1/call-meter.js';
import type { DeviceDirectory } from '../directory/device-directory.js';

/**
 * The directory the runner plans through (docs/runner.md, "The call budget"):
 * - the adapter has no directory: `given`, as is;
 * - no directory given, or the given one is the adapter's own (`adapter.directory()` returns that very
 *   object): `adapter.directory({ signal, meter })`, whose every listing page draws from the budget (and, with
 *   the runner's directory meter, is repeated after a throttle, a 5xx or a reset: see `createDirectoryMeter`);
 * - any other directory (the caller's own database, a CSV): `given`, as is. Its requests, if any, do
 *   not reach the platform's API, so they are not the budget's business.
 */
export function planningDirectory(
  adapter: AdapterV1,
  given: DeviceDirectory | undefined,
  meter: CallMeter,
  signal: AbortSignal,
): DeviceDirectory | undefined {
  if (adapter.directory === undefined) return given;
  if (given !== undefined && given !== adapter.directory()) return given;
  return adapter.directory({ signal, meter });
}
