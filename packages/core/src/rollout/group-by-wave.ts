import type { Campaign } from '../campaign/campaign.js';
import { waveLimits, waveOfBucket } from './assign-wave.js';
import { RolloutError } from '../errors/rollout-error.js';
import { rolloutBucket } from './rollout-bucket.js';

/** Device IDs split by rollout wave. */
export interface WaveGroups {
  /** `waves[i]` holds wave i's device IDs, in input order. */
  readonly waves: readonly string[][];
  /** Devices whose bucket lies beyond the last wave's percent: not targeted yet. */
  readonly beyond: readonly string[];
}

/**
 * Splits a campaign's targeted device IDs by wave (see {@link assignWave}), keeping input order inside each
 * wave, so that each wave can be chunked into tasks on its own. Throws {@link RolloutError} when the campaign
 * has no valid rollout.
 */
export function groupByWave(
  campaign: Pick<Campaign, 'name' | 'rollout'>,
  deviceIds: Iterable<string>,
): WaveGroups {
  if (!campaign.rollout) throw new RolloutError('rollout', 'the campaign has no rollout');
  const limits = waveLimits(campaign.rollout);
  const key = { campaignName: campaign.name, salt: campaign.rollout.salt };
  const waves = limits.map((): string[] => []);
  const beyond: string[] = [];
  for (const deviceId of deviceIds) {
    const wave = waveOfBucket(rolloutBucket(deviceId, key), limits);
    (wave === undefined ? beyond : (waves[wave] as string[])).push(deviceId);
  }
  return { waves, beyond };
}
