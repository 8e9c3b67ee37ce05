import type { Campaign, RolloutSpec } from '../campaign/campaign.js';
import { RolloutError } from '../errors/rollout-error.js';
import { rolloutBucket } from './rollout-bucket.js';

/** Where a device falls in a rollout. */
export interface WaveAssignment {
  /** The device's bucket in [0, 10000). */
  readonly bucket: number;
  /** 0-based wave, or undefined when the bucket lies beyond the last wave's percent (not targeted yet). */
  readonly wave: number | undefined;
}

/**
 * Checks waves and turns their cumulative percents into bucket limits: wave i holds the buckets from wave i−1's
 * limit up to `percent × 100`. Percents must rise strictly, lie in (0, 100] and have at most two decimals (a
 * bucket is 0.01 %). Throws {@link RolloutError}.
 */
export function waveLimits(rollout: RolloutSpec): number[] {
  if (!Array.isArray(rollout.waves) || rollout.waves.length === 0) {
    throw new RolloutError(
      'rollout.waves',
      'needs at least one wave, e.g. [{ "percent": 1 }, { "percent": 100 }]',
    );
  }
  let previous = 0;
  return rollout.waves.map((wave, index) => {
    const field = `rollout.waves[${index}].percent`;
    const percent = wave?.percent;
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
      throw new RolloutError(field, `must be a number in (0, 100], got ${String(percent)}`);
    }
    const limit = Math.round(percent * 100);
    if (Math.abs(limit - percent * 100) > 1e-6) {
      throw new RolloutError(field, `${percent} has more than two decimals (a bucket is 0.01 %)`);
    }
    if (limit <= previous) {
      throw new RolloutError(
        field,
        `${percent} must be above the previous wave's ${previous / 100} (percents are cumulative)`,
      );
    }
    previous = limit;
    return limit;
  });
}

/** The wave whose limit first covers `bucket`, or undefined beyond the last limit. */
export function waveOfBucket(bucket: number, limits: readonly number[]): number | undefined {
  for (let index = 0; index < limits.length; index++) if (bucket < (limits[index] as number)) return index;
  return undefined;
}

/**
 * Assigns a device of a campaign with `rollout` to its wave: the first wave whose cumulative percent covers the
 * device's bucket. Raising a percent only ever adds devices to the waves up to it.
 */
export function assignWave(campaign: Pick<Campaign, 'name' | 'rollout'>, deviceId: string): WaveAssignment {
  if (!campaign.rollout) throw new RolloutError('rollout', 'the campaign has no rollout');
  const limits = waveLimits(campaign.rollout);
  const bucket = rolloutBucket(deviceId, { campaignName: campaign.name, salt: campaign.rollout.salt });
  return { bucket, wave: waveOfBucket(bucket, limits) };
}
