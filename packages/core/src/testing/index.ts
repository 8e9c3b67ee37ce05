/**
 * @fleetcast/core/testing: helpers for adapter authors and tests (the adapter conformance suite).
 */
export * from './memory-adapter.js';
export { describeAdapterConformance } from './describe-adapter-conformance.js';
export type {
  AdapterConformanceContext,
  AdapterConformanceOptions,
  ConformanceFault,
  ConformanceOutcome,
} from './adapter-conformance-options.js';
export { defaultConformanceOperations } from './default-operations.js';
