import { match } from 'ts-pattern';
import type { DeviceRecord } from './device-record.js';
import type { DirectoryQuery } from './device-directory.js';

function sharesAny(values: readonly string[] | undefined, wanted: readonly string[]): boolean {
  if (!values) return false;
  for (const value of values) if (wanted.includes(value)) return true;
  return false;
}

/**
 * The test a record must pass to answer a directory query: the one definition of what each selector
 * means, used by {@link InMemoryDirectory} and by the planner when it filters a `Broadcast` listing
 * itself. `DeviceType` matches `manufacturerId` and `model` only when the query names them; `GroupList`,
 * `GroupIdList` and `Filter` match a record in any of the named groups. Built once per query: the
 * returned function runs per device.
 */
export function queryPredicate(query: DirectoryQuery): (record: DeviceRecord) => boolean {
  return match(query)
    .with(
      { type: 'DeviceType' },
      ({ deviceType, manufacturerId, model }) =>
        (record: DeviceRecord) =>
          record.deviceType === deviceType &&
          (manufacturerId === undefined || record.manufacturerId === manufacturerId) &&
          (model === undefined || record.model === model),
    )
    .with(
      { type: 'DeviceArea' },
      ({ location }) =>
        (record: DeviceRecord) =>
          record.location === location,
    )
    .with(
      { type: 'GroupList' },
      ({ groupNames }) =>
        (record: DeviceRecord) =>
          sharesAny(record.groupNames, groupNames),
    )
    .with(
      { type: 'GroupIdList' },
      { type: 'Filter' },
      ({ groupIds }) =>
        (record: DeviceRecord) =>
          sharesAny(record.groupIds, groupIds),
    )
    .with({ type: 'Broadcast' }, () => () => true)
    .exhaustive();
}

/** Whether one record answers a query; see {@link queryPredicate}, which is faster for many records. */
export function recordMatchesQuery(record: DeviceRecord, query: DirectoryQuery): boolean {
  return queryPredicate(query)(record);
}
