import { SeenDeviceIds } from './seen-device-ids.js';
import { markRepeatedIds } from './mark-repeated-ids.js';
import { PlanningError } from '../errors/planning-error.js';

/** One chunk of device IDs that becomes one explicit task. */
export interface DeviceIdChunk {
  deviceIds: string[];
  /** 1-based part number. */
  part: number;
  /** True when this chunk is the whole result (the task takes the campaign name alone). */
  only: boolean;
}

/** Options of {@link chunkDeviceIds}. */
export interface ChunkOptions {
  maxTargetsPerTask: number;
  /** IDs never placed in a chunk. */
  exclude: ReadonlySet<string>;
  /**
   * Drop repeated IDs (first kept). The planner always does: a directory promises each device once, but a
   * device file or a custom directory may break the promise, and a device must never be in two tasks.
   */
  dropDuplicates: boolean;
  /** Receives each repeated ID dropped. */
  onDuplicate?: (deviceId: string) => void;
  /** Describes the source in the empty-result error, e.g. `the device list`. */
  sourceDescription: string;
}

/**
 * Cuts a stream of ID batches into chunks of `maxTargetsPerTask`, order kept, exclusions and repeated IDs
 * dropped (the first occurrence kept). Holds one chunk at a time: a full chunk is released when the next ID arrives, which
 * is also how it learns that the result needs more than one task. Throws `FLEETCAST_EMPTY_TARGET` when
 * nothing remains.
 */
export async function* chunkDeviceIds(
  batches: AsyncIterable<readonly string[]>,
  options: ChunkOptions,
): AsyncGenerator<DeviceIdChunk> {
  const { maxTargetsPerTask, exclude } = options;
  const checkExclusions = exclude.size > 0;
  const earlierBatches: (readonly string[])[] = [];
  let seen: SeenDeviceIds | undefined;
  // Sized once: growing by push would leave a trail of discarded backing stores per chunk.
  const chunkCapacity = Math.min(maxTargetsPerTask, 1 << 16);
  let current: string[] = new Array<string>(chunkCapacity);
  let filled = 0;
  let part = 0;
  let offered = 0;
  for await (const batch of batches) {
    const length = batch.length;
    offered += length;
    // A list arrives as one batch: mark its repeats in one cache-friendly pass. A directory sends many:
    // from the second batch on, IDs are checked against a set of everything before them.
    if (options.dropDuplicates && earlierBatches.length > 0 && seen === undefined) {
      seen = new SeenDeviceIds();
      for (const earlier of earlierBatches) for (const id of earlier) seen.add(id);
      earlierBatches.length = 0;
    }
    const repeated = options.dropDuplicates && seen === undefined ? markRepeatedIds(batch) : undefined;
    if (repeated !== undefined) earlierBatches.push(batch);
    for (let index = 0; index < length; index++) {
      const id = batch[index]!;
      if (checkExclusions && exclude.has(id)) continue;
      if (repeated !== undefined ? repeated[index] === 1 : seen !== undefined && !seen.add(id)) {
        options.onDuplicate?.(id);
        continue;
      }
      if (filled === maxTargetsPerTask) {
        part++;
        yield { deviceIds: current, part, only: false };
        current = new Array<string>(chunkCapacity);
        filled = 0;
      }
      current[filled++] = id;
    }
  }
  current.length = filled;
  if (filled === 0) {
    throw new PlanningError(
      'FLEETCAST_EMPTY_TARGET',
      `target: no device remains to target (${options.sourceDescription} gave ${offered} ID(s); ` +
        `${exclude.size} excluded ID(s), duplicates dropped)`,
    );
  }
  part++;
  yield { deviceIds: current, part, only: part === 1 };
}
