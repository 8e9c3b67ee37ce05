import { match } from 'ts-pattern';
import type { DeviceRecord } from './device-record.js';
import type { DirectoryQuery } from './device-directory.js';

function sharesAny(values: readonly string[] | undefined, wanted: readonly string[]): boolean {
  if (!values) return false;
  for (const value of values) if (wanted.includes(value)) return true;
  return false;
}

/**
 * Whether a record answers a directory query: the one definition of what each selector means, used by
 * {@link InMemoryDirectory} and by the planner when it filters a `Broadcast` listing itself.
 * `DeviceType` matches `manufacturerId` and `model` only when the query names them; `GroupIdList` and
 * `Filter` match a record in any of the groups.
 */
export function recordMatchesQuery(record: DeviceRecord, query: DirectoryQuery): boolean {
  return match(query)
    .with(
      { type: 'DeviceType' },
      (q) =>
        record.deviceType === q.deviceType &&
        (q.manufacturerId === undefined || record.manufacturerId === q.manufacturerId) &&
        (q.model === undefined || record.model === q.model),
    )
    .with({ type: 'DeviceArea' }, (q) => record.location === q.location)
    .with({ type: 'GroupList' }, (q) => sharesAny(record.groupNames, q.groupNames))
    .with({ type: 'GroupIdList' }, { type: 'Filter' }, (q) => sharesAny(record.groupIds, q.groupIds))
    .with({ type: 'Broadcast' }, () => true)
    .exhaustive();
}
