import type { DeviceDirectory } from '@fleetcast/core';
import type { LegacyAdapterSettings } from './legacy-settings.js';

/**
 * The directory a legacy adapter opens: the legacy API cannot list devices, so there is none of the
 * platform's (v5 has `createV5Directory`), only the caller's own `settings.directory`, through which `Rules`
 * targets and exclusions are expanded. `undefined` when the settings give none: the adapter then has no
 * `doOpenDirectory`.
 */
export function legacyDirectory(settings: LegacyAdapterSettings): DeviceDirectory | undefined {
  return settings.directory;
}
