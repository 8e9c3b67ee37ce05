/**
 * @fleetcast/core/testing: helpers for adapter authors and tests (the adapter conformance suite).
 */
export {};
export * from './memory-adapter.js';
