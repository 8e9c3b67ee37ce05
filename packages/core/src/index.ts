/**
 * @fleetcast/core: campaign specs, validation, the planner, the adapter specification, the runner and
 * targeting rules. Each section below is owned by one area; add exports to your own section.
 */

// Errors
export { FleetcastError } from './errors/fleetcast-error.js';
export { CampaignValidationError, type ValidationIssue } from './errors/campaign-validation-error.js';
export { PlatformError, type PlatformErrorKind, type PlatformErrorFields } from './errors/platform-error.js';

// Specs
export * from './spec/target-spec.js';
export * from './spec/operation.js';
export type { Campaign, CampaignPolicy, RolloutSpec } from './spec/campaign.js';

// Directory
export type { DeviceRecord } from './directory/device-record.js';
export type {
  DeviceDirectory,
  DirectoryQuery,
  DirectorySelector,
  DirectoryReadOptions,
} from './directory/device-directory.js';

// Validation

// Planner
export type { TaskPlan, NativeTaskPlan, ExplicitTaskPlan, TaskNameRule } from './planner/task-plan.js';

// Adapter specification
export type {
  AdapterV1,
  AdapterCapabilitiesV1,
  HttpRequestSpec,
  CallOptions,
  SubtaskPage,
  BatchActionResultV1,
} from './adapter/v1/adapter-v1.js';
export {
  terminalTaskStates,
  type TaskState,
  type TaskCounts,
  type TaskStatus,
  type SubtaskStatus,
} from './adapter/v1/task-status.js';
export { AdapterArgumentError } from './adapter/adapter-argument-error.js';
export {
  platformErrorFromTable,
  kindFromHttpStatus,
  type PlatformErrorTableEntry,
  type PlatformFailure,
} from './adapter/platform-error-table.js';

// Transport
export {
  createHttpTransport,
  type HttpTransport,
  type HttpTransportOptions,
  type HttpSendOptions,
  type HttpResponse,
  type TransportTlsOptions,
} from './transport/http-transport.js';
export { isLoopbackHost } from './transport/is-loopback-host.js';
export { redactSecrets, redactedMarker } from './transport/redact-secrets.js';

// Runner

// Rules
