/**
 * @fleetcast/core/adapter-kit: what an adapter package builds on — the HTTP transport, error tables,
 * reading a platform's failure body, and metering extra calls. The adapter specification itself
 * (`AdapterV1` and its types) is in the main entry; test doubles are in `@fleetcast/core/testing`.
 */
export {
  createHttpTransport,
  type HttpTransport,
  type HttpTransportOptions,
  type HttpSendOptions,
  type HttpResponse,
  type TransportTlsOptions,
} from './http-transport.js';
export { isLoopbackHost } from './is-loopback-host.js';
export { redactSecrets, redactedMarker } from './redact-secrets.js';
export {
  platformErrorFromTable,
  kindFromHttpStatus,
  type PlatformErrorContext,
  type PlatformErrorTableEntry,
  type PlatformFailure,
} from './platform-error-table.js';
export { readPlatformFailure, type PlatformErrorBodyKeys } from './read-platform-failure.js';
export { withCallMeter } from './with-call-meter.js';
export { terminalTaskStates } from './terminal-task-states.js';
export { withReadRetries } from './with-read-retries.js';
export { serialiseRequestBody } from './serialise-request-body.js';
