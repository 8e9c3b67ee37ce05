import type { DeviceRecord } from './device-record.js';
import type { NativeTarget } from '../spec/target-spec.js';

/** A question a directory can answer: one of the selector targets, without exclusions. */
export type DirectoryQuery = Omit<NativeTarget, 'exclude'>;

/** The selector types of {@link DirectoryQuery}. */
export type DirectorySelector = DirectoryQuery['type'];

/** Options of {@link DeviceDirectory.devices}. */
export interface DirectoryReadOptions {
  /** Preferred number of records per yielded batch. */
  batchSize?: number;
  signal?: AbortSignal;
}

/**
 * Where devices are looked up when a target must be expanded into explicit device IDs.
 *
 * `devices` yields records in batches so that a 10 M-device fleet streams instead of being held in memory.
 * Order must be deterministic for the same directory contents: plans are reproducible only if it is.
 */
export interface DeviceDirectory {
  /** The selector types this directory can answer. `Broadcast` means it can list every device. */
  readonly selectors: ReadonlySet<DirectorySelector>;
  devices(query: DirectoryQuery, options?: DirectoryReadOptions): AsyncIterable<readonly DeviceRecord[]>;
}
