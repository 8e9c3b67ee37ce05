import { match } from 'ts-pattern';
import { FleetcastError } from '../errors/fleetcast-error.js';
import type { DeviceRecord } from './device-record.js';
import type {
  DeviceDirectory,
  DirectoryQuery,
  DirectoryReadOptions,
  DirectorySelector,
} from './device-directory.js';
import { queryPredicate } from './record-matches-query.js';

/** Records per yielded batch when the reader does not ask for a size. */
export const defaultDirectoryBatchSize = 1000;

const allSelectors: ReadonlySet<DirectorySelector> = new Set<DirectorySelector>([
  'DeviceType',
  'DeviceArea',
  'GroupList',
  'GroupIdList',
  'Broadcast',
  'Filter',
]);

type PositionIndex = Map<string, number[]>;

function indexAdd(index: PositionIndex, key: string | undefined, position: number): void {
  if (key === undefined) return;
  const positions = index.get(key);
  if (positions === undefined) index.set(key, [position]);
  // A record listing the same group twice must still be indexed once.
  else if (positions[positions.length - 1] !== position) positions.push(position);
}

/** Union of ascending position lists, ascending and without repeats: insertion order, each device once. */
function unionPositions(lists: readonly (readonly number[])[]): ArrayLike<number> {
  const present = lists.filter((list) => list.length > 0);
  if (present.length === 0) return [];
  if (present.length === 1) return present[0]!;
  const merged = new Int32Array(present.reduce((sum, list) => sum + list.length, 0));
  let offset = 0;
  for (const list of present) {
    merged.set(list, offset);
    offset += list.length;
  }
  merged.sort(); // typed arrays sort numerically, far faster than Array#sort with a comparator
  let kept = 0;
  for (let index = 0; index < merged.length; index++) {
    if (index === 0 || merged[index] !== merged[index - 1]) merged[kept++] = merged[index]!;
  }
  return merged.subarray(0, kept);
}

/**
 * A {@link DeviceDirectory} over records held in memory, for tests, examples and fleets exported to a
 * file. Answers every selector from indexes (device type, location, group ID, group name), so a query
 * touches only the matching records. Yields in insertion order, each device once.
 *
 * Records are copied on construction (the record, its group lists and its `facts` object; values nested inside a
 * fact are shared): later changes to the caller's records, groups or facts do not affect it.
 * Throws `FLEETCAST_DUPLICATE_DEVICE` when two records share an ID.
 *
 * @example
 * const directory = new InMemoryDirectory([{ id: 'meter_1', deviceType: 'WaterMeter', groupIds: ['g1'] }]);
 * for await (const batch of directory.devices({ type: 'GroupIdList', groupIds: ['g1'] })) console.log(batch);
 */
export class InMemoryDirectory implements DeviceDirectory {
  readonly selectors: ReadonlySet<DirectorySelector> = allSelectors;
  private readonly records: DeviceRecord[] = [];
  private readonly byType: PositionIndex = new Map();
  private readonly byLocation: PositionIndex = new Map();
  private readonly byGroupId: PositionIndex = new Map();
  private readonly byGroupName: PositionIndex = new Map();

  constructor(records: Iterable<DeviceRecord>) {
    const ids = new Set<string>();
    for (const record of records) {
      if (ids.has(record.id)) {
        throw new FleetcastError(
          'FLEETCAST_DUPLICATE_DEVICE',
          `records: device ID ${JSON.stringify(record.id)} appears twice (a directory holds each device once)`,
        );
      }
      ids.add(record.id);
      const position = this.records.length;
      this.records.push({
        ...record,
        ...(record.groupIds ? { groupIds: [...record.groupIds] } : {}),
        ...(record.groupNames ? { groupNames: [...record.groupNames] } : {}),
        ...(record.facts ? { facts: { ...record.facts } } : {}),
      });
      indexAdd(this.byType, record.deviceType, position);
      indexAdd(this.byLocation, record.location, position);
      for (const groupId of record.groupIds ?? []) indexAdd(this.byGroupId, groupId, position);
      for (const groupName of record.groupNames ?? []) indexAdd(this.byGroupName, groupName, position);
    }
  }

  /** Number of devices held. */
  get size(): number {
    return this.records.length;
  }

  /** Positions of the candidate records for a query, from the indexes; `undefined` means all. */
  private candidates(query: DirectoryQuery): ArrayLike<number> | undefined {
    const lookup = (index: PositionIndex, keys: readonly string[]) =>
      unionPositions(keys.map((key) => index.get(key) ?? []));
    return match(query)
      .with({ type: 'DeviceType' }, (q) => this.byType.get(q.deviceType) ?? [])
      .with({ type: 'DeviceArea' }, (q) => this.byLocation.get(q.location) ?? [])
      .with({ type: 'GroupList' }, (q) => lookup(this.byGroupName, q.groupNames))
      .with({ type: 'GroupIdList' }, { type: 'Filter' }, (q) => lookup(this.byGroupId, q.groupIds))
      .with({ type: 'Broadcast' }, () => undefined)
      .exhaustive();
  }

  /** The records answering `query`, in insertion order, in batches of `batchSize` (default 1,000). */
  async *devices(
    query: DirectoryQuery,
    options: DirectoryReadOptions = {},
  ): AsyncIterable<readonly DeviceRecord[]> {
    const batchSize = options.batchSize ?? defaultDirectoryBatchSize;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
      throw new FleetcastError(
        'FLEETCAST_INVALID_OPTIONS',
        `batchSize: ${String(batchSize)} is not a positive integer`,
      );
    }
    const positions = this.candidates(query);
    const matches = queryPredicate(query);
    const count = positions === undefined ? this.records.length : positions.length;
    let batch: DeviceRecord[] = [];
    for (let cursor = 0; cursor < count; cursor++) {
      const record = this.records[positions === undefined ? cursor : positions[cursor]!]!;
      // Indexes narrow by the first key only (e.g. device type); the rest is checked here.
      if (!matches(record)) continue;
      batch.push(record);
      if (batch.length === batchSize) {
        options.signal?.throwIfAborted();
        yield batch;
        batch = [];
      }
    }
    options.signal?.throwIfAborted();
    if (batch.length > 0) yield batch;
  }
}
