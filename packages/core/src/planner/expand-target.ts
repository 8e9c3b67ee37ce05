import { match } from 'ts-pattern';
import type { DeviceDirectory, DirectoryQuery, DirectoryReadOptions } from '../directory/device-directory.js';
import type { DeviceRecord } from '../directory/device-record.js';
import { queryPredicate } from '../directory/record-matches-query.js';
import { expandRulesTarget, type RulesPlanOptions } from './expand-rules-target.js';
import type { NativeTarget, TargetSpec } from '../campaign/target-spec.js';
import { PlanningError } from '../errors/planning-error.js';

/** Options of {@link expandTarget}. */
export interface ExpandTargetOptions {
  /** Records per directory batch (a hint to the directory). */
  batchSize?: number;
  signal?: AbortSignal;
  /** How a Rules target is evaluated (strict mode, custom operators, where unevaluable devices go). */
  rules?: RulesPlanOptions;
  /** The target is expanded because of rollout waves (for the message when no directory is given). */
  forRollout?: boolean;
}

/** The selector of a target without its exclusions: what is asked of a directory or a platform. */
export function toDirectoryQuery(target: NativeTarget): DirectoryQuery {
  const { exclude: _exclude, ...query } = target;
  return query;
}

async function* idsOf(records: AsyncIterable<readonly DeviceRecord[]>, keep?: DirectoryQuery) {
  const matches = keep === undefined ? undefined : queryPredicate(keep);
  for await (const batch of records) {
    const ids: string[] = [];
    for (const record of batch) if (matches === undefined || matches(record)) ids.push(record.id);
    if (ids.length > 0) yield ids;
  }
}

/** The record field a selector tests, for the listing fallback. */
const selectorField = {
  DeviceType: 'deviceType',
  DeviceArea: 'location',
  GroupList: 'groupNames',
  GroupIdList: 'groupIds',
  Filter: 'groupIds',
} as const satisfies Partial<Record<DirectoryQuery['type'], keyof DeviceRecord>>;

/**
 * Filters a full listing by `query`. A directory whose records lack the field the selector tests (v5 devices
 * carry no location) would match nothing and surface as "no device remains": say what is wrong instead.
 */
async function* filterListing(
  records: AsyncIterable<readonly DeviceRecord[]>,
  query: DirectoryQuery,
  answers: readonly string[],
) {
  const field = query.type === 'Broadcast' ? undefined : selectorField[query.type];
  let listed = 0;
  let carried = false;
  async function* counted() {
    for await (const batch of records) {
      listed += batch.length;
      if (!carried && field !== undefined) carried = batch.some((record) => record[field] !== undefined);
      yield batch;
    }
  }
  yield* idsOf(counted(), query);
  if (field !== undefined && listed > 0 && !carried) {
    throw new PlanningError(
      'FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR',
      `target: the directory cannot answer ${query.type}: none of its ${listed} devices carries a ${field} ` +
        `(it answers: ${answers.join(', ') || 'nothing'}; filtering its full listing would select no device)`,
    );
  }
}

function fromDirectory(
  target: NativeTarget,
  directory: DeviceDirectory | undefined,
  options: ExpandTargetOptions,
): AsyncIterable<readonly string[]> {
  if (directory === undefined) {
    // Name why it must be expanded: a platform that selects it natively helps only when nothing else forces it.
    const why = options.forRollout
      ? 'with rollout waves must be expanded into device IDs (no platform takes a percentage)'
      : target.exclude?.length
        ? "with exclusions must be expanded into device IDs (exclusions are fleetcast's, not the platform's)"
        : 'must be expanded into device IDs';
    const alternative =
      options.forRollout || target.exclude?.length
        ? ''
        : ' (or a platform that selects it natively: options.nativeSelectors)';
    throw new PlanningError(
      'FLEETCAST_DIRECTORY_REQUIRED',
      `target: a ${target.type} target ${why}, which needs options.directory${alternative}`,
    );
  }
  const query = toDirectoryQuery(target);
  const read: DirectoryReadOptions = { batchSize: options.batchSize, signal: options.signal };
  if (directory.selectors.has(query.type)) return idsOf(directory.devices(query, read));
  // A directory that can list every device can answer any selector: filter the listing here.
  if (directory.selectors.has('Broadcast'))
    return filterListing(directory.devices({ type: 'Broadcast' }, read), query, [...directory.selectors]);
  throw new PlanningError(
    'FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR',
    `target: the directory answers neither ${target.type} nor Broadcast ` +
      `(it answers: ${[...directory.selectors].join(', ') || 'nothing'})`,
  );
}

async function* listAsBatch(deviceIds: readonly string[]): AsyncIterable<readonly string[]> {
  yield deviceIds;
}

/**
 * The one place where a target becomes device IDs, in batches: a `DeviceList` yields its own list, a
 * selector asks the directory (or filters its `Broadcast` listing). Exclusions and duplicates are not
 * applied here but by the chunker, so that they are applied once, the same way for every source.
 *
 * Throws `PlanningError` (`FLEETCAST_DIRECTORY_REQUIRED`, `FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR`,
 * Rules: see `expandRulesTarget`).
 */
export function expandTarget(
  target: TargetSpec,
  directory: DeviceDirectory | undefined,
  options: ExpandTargetOptions = {},
): AsyncIterable<readonly string[]> {
  return match(target)
    .with({ type: 'DeviceList' }, (list) => listAsBatch(list.deviceIds))
    .with({ type: 'Rules' }, (rules) => {
      if (directory === undefined) {
        throw new PlanningError(
          'FLEETCAST_DIRECTORY_REQUIRED',
          'target: a Rules target is evaluated over device records, which needs options.directory',
        );
      }
      return expandRulesTarget(rules, directory, options);
    })
    .with(
      { type: 'DeviceType' },
      { type: 'DeviceArea' },
      { type: 'GroupList' },
      { type: 'GroupIdList' },
      { type: 'Broadcast' },
      { type: 'Filter' },
      (selector) => fromDirectory(selector, directory, options),
    )
    .exhaustive();
}
