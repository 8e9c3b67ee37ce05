import { DeviceIdSet } from './device-id-set.js';
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
  /** Drop repeated IDs (first kept). Needed for explicit lists; directories yield each device once. */
  dropDuplicates: boolean;
  /** Describes the source in the empty-result error, e.g. `the device list`. */
  sourceDescription: string;
}

/**
 * Cuts a stream of ID batches into chunks of `maxTargetsPerTask`, order kept, exclusions and (optionally)
 * duplicates dropped. Holds one chunk at a time: a full chunk is released when the next ID arrives, which
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
  let seen: DeviceIdSet | undefined;
  // Sized once: growing by push would leave a trail of discarded backing stores per chunk.
  const chunkCapacity = Math.min(maxTargetsPerTask, 1 << 16);
  let current: string[] = new Array<string>(chunkCapacity);
  let filled = 0;
  let part = 0;
  let offered = 0;
  for await (const batch of batches) {
    const length = batch.length;
    offered += length;
    // A list arrives as one batch: mark its repeats in one cache-friendly pass. Should a source ever
    // send several, later batches are checked against a set of everything before them.
    const repeated = options.dropDuplicates ? markRepeatedIds(batch) : undefined;
    if (options.dropDuplicates && earlierBatches.length > 0 && seen === undefined) {
      seen = new DeviceIdSet();
      for (const earlier of earlierBatches) for (const id of earlier) seen.add(id);
    }
    if (options.dropDuplicates && seen === undefined) earlierBatches.push(batch);
    for (let index = 0; index < length; index++) {
      const id = batch[index]!;
      if (repeated !== undefined && repeated[index] === 1) continue;
      if (checkExclusions && exclude.has(id)) continue;
      if (seen !== undefined && !seen.add(id)) continue;
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
