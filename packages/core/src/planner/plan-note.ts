import type { Campaign } from '../campaign/campaign.js';
import type { TargetType } from '../campaign/target-spec.js';

/**
 * Something the planner decided that the campaign does not say outright, reported with the plan:
 * - `expanded_for_rollout`: the platform selects the target natively, but a rollout needs percentages, which no
 *   platform takes, so the target is expanded into explicit device lists.
 * - `expanded_for_exclusions`: the platform selects the target natively, but `target.exclude` is fleetcast's,
 *   so the target is expanded into explicit device lists.
 */
export interface PlanNote {
  readonly code: 'expanded_for_rollout' | 'expanded_for_exclusions';
  /** One sentence naming the field and the reason, e.g. `target: DeviceType is native …`. */
  readonly message: string;
}

/**
 * The notes that go with a campaign's plan under these native selectors: why a native selector was expanded.
 * Depends on the campaign and the platform only (no directory read), so a `planStream` consumer can show them too.
 */
export function planNotes(
  campaign: Pick<Campaign, 'target' | 'rollout'>,
  nativeSelectors: readonly TargetType[],
): PlanNote[] {
  const { target } = campaign;
  if (!nativeSelectors.includes(target.type) || target.type === 'DeviceList' || target.type === 'Rules') {
    return [];
  }
  const native = `target: ${target.type} is selected natively by the platform`;
  const notes: PlanNote[] = [];
  if (campaign.rollout) {
    notes.push({
      code: 'expanded_for_rollout',
      message:
        `${native}, but no platform takes a percentage: with rollout waves the target is expanded through the ` +
        'directory into explicit device lists, wave by wave',
    });
  }
  const excluded = target.exclude?.length ?? 0;
  if (excluded > 0) {
    notes.push({
      code: 'expanded_for_exclusions',
      message:
        `${native}, but target.exclude (${excluded} ID(s)) is not: the target is expanded through the directory ` +
        'into explicit device lists without them',
    });
  }
  return notes;
}
