import type { DeviceRecord } from './device-record.js';
import type { NativeTarget } from '../campaign/target-spec.js';

/** Removes `exclude` from each member of a union separately (plain `Omit` would merge the members). */
type WithoutExclude<T> = T extends unknown ? Omit<T, 'exclude'> : never;

/** A question a directory can answer: one of the selector targets, without exclusions. */
export type DirectoryQuery = WithoutExclude<NativeTarget>;

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
 *
 * Contract (the planner relies on it):
 * - Order is deterministic for the same directory contents: plans are reproducible only if it is.
 * - One `devices` call yields each device at most once, even when it matches several groups of the
 *   query. The planner therefore keeps no set of seen IDs while streaming (a 10 M-entry set would cost
 *   more memory than the stream saves).
 * - Every yielded record matches the query (the same rules as `recordMatchesQuery`).
 */
export interface DeviceDirectory {
  /** The selector types this directory can answer. `Broadcast` means it can list every device. */
  readonly selectors: ReadonlySet<DirectorySelector>;
  devices(query: DirectoryQuery, options?: DirectoryReadOptions): AsyncIterable<readonly DeviceRecord[]>;
}
