import { match, P } from 'ts-pattern';
import type { Campaign } from '../campaign/campaign.js';
import type { NativeTarget, TargetSpec, TargetType } from '../campaign/target-spec.js';
import { assertValidCampaign } from '../validation/assert-valid-campaign.js';
import { resolveLimits } from '../validation/validation-limits.js';
import { planWaves } from './plan-waves.js';
import { chunkDeviceIds } from './chunk-device-ids.js';
import { checkedTargetIds, duplicateReporter, sourceDescriptionOf } from './checked-target-ids.js';
import { toDirectoryQuery } from './expand-target.js';
import { limitsOf, nativeSelectorsOf, type PlanOptions } from './plan-options.js';
import { taskName } from './task-name.js';
import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';

/** The target as a native task carries it, or `undefined` when it must be expanded. */
function asNativeTarget(
  target: TargetSpec,
  nativeSelectors: readonly TargetType[],
): NativeTarget | undefined {
  // Exclusions are fleetcast's, not the platform's: a target with any must be expanded.
  if ((target.exclude?.length ?? 0) > 0 || !nativeSelectors.includes(target.type)) return undefined;
  return match(target)
    .with({ type: P.union('DeviceList', 'Rules') }, () => undefined)
    .with(
      { type: P.union('DeviceType', 'DeviceArea', 'GroupList', 'GroupIdList', 'Broadcast', 'Filter') },
      (selector) => toDirectoryQuery(selector) as NativeTarget,
    )
    .exhaustive();
}

/**
 * Plans a campaign task by task, holding about one chunk of device IDs at a time: a 10 M-device
 * directory streams through without a 10 M-entry array. Validates the campaign first (throws
 * `CampaignValidationError`); throws `PlanningError` when it cannot be planned (see its codes).
 *
 * A selector the platform answers natively (`nativeSelectors`, without exclusions) gives one native
 * task; every other target is expanded (see `expandTarget`) and cut into explicit tasks of at most
 * `maxTargetsPerTask` IDs, order kept, duplicates and exclusions dropped: a device is in at most one task
 * whatever the directory yields. Every ID a directory yields is checked like a `DeviceList` entry; an invalid
 * one stops planning with `FLEETCAST_INVALID_DEVICE_RECORD` unless `skipInvalidDevices` (see
 * `onDeviceRefused`). Names: the campaign name when
 * one task suffices, else `<name>_part<n>` (see `taskName`).
 *
 * @example
 * for await (const task of planStream(campaign, { directory })) await queue.push(task);
 */
export async function* planStream(campaign: Campaign, options: PlanOptions = {}): AsyncGenerator<TaskPlanV1> {
  const limits = limitsOf(options);
  assertValidCampaign(campaign, limits);
  const { maxTargetsPerTask, taskNameRule } = resolveLimits(limits);
  const nativeSelectors = nativeSelectorsOf(options);
  const { target } = campaign;

  // No platform takes a percentage: a rollout is always expanded and planned wave by wave (`plan` notes it).
  if (campaign.rollout) {
    yield* planWaves(campaign, options, { maxTargetsPerTask, taskNameRule });
    return;
  }

  const nativeTarget = asNativeTarget(target, nativeSelectors);
  if (nativeTarget !== undefined) {
    yield { kind: 'native', name: taskName(campaign.name, taskNameRule), index: 0, target: nativeTarget };
    return;
  }

  const batches = checkedTargetIds(target, options, {
    batchSize: options.batchSize,
    signal: options.signal,
    rules: options.rules,
    reportRefusals: true,
  });
  const onDuplicate = duplicateReporter(target, options);
  const chunks = chunkDeviceIds(batches, {
    maxTargetsPerTask,
    exclude: new Set(target.exclude ?? []),
    dropDuplicates: true,
    ...(onDuplicate ? { onDuplicate } : {}),
    sourceDescription: sourceDescriptionOf(target),
  });
  for await (const chunk of chunks) {
    const name = taskName(campaign.name, taskNameRule, chunk.only ? {} : { part: chunk.part });
    yield { kind: 'explicit', name, index: chunk.part - 1, deviceIds: chunk.deviceIds };
  }
}
