/**
 * @fleetcast/adapter-legacy: the legacy OceanConnect batch-task API (`/iocm/app/batchtask/v1.1.0`) behind
 * fleetcast's adapter specification v1.
 */
export { createLegacyAdapter, type LegacyAdapter } from './legacy-adapter.js';
export type { LegacyAdapterSettings, LegacyTimeoutUnit } from './legacy-settings.js';
export {
  buildLegacyCreateRequest,
  legacyMaxTargets,
  type LegacyCreateOptions,
} from './legacy-create-request.js';
export { legacyErrorTable } from './legacy-errors.js';
export { normalizeLegacyTask, normalizeLegacySubtask } from './legacy-task-status.js';
export type * from './legacy-api.js';
export { legacyBatchTaskPath, legacyLoginPath, legacyMaxPageSize, legacyTimeoutRange } from './legacy-api.js';
export { legacyTaskNameRule } from './legacy-task-name-rule.js';
