import { murmur3Utf8 } from './murmur3.js';

/** Buckets per rollout: a bucket is 0.01 % of the fleet. */
export const rolloutBucketCount = 10_000;

const twoToThe32 = 4_294_967_296;

/**
 * The rollout bucket of a device, in [0, 10000): `floor(murmur3_32(key) × 10000 / 2^32)` where `key` is the
 * UTF-8 string `salt + ":" + campaignName + ":" + deviceId` (an absent salt is the empty string) and murmur3_32
 * is MurmurHash3 x86 32-bit with seed 0. The same on every run, machine and adapter; test vectors are in
 * docs/rollout.md. Changing the salt or the campaign name reshuffles every device.
 *
 * @example
 * rolloutBucket('device_1', { campaignName: 'fw_21' }); // see docs/rollout.md for the value
 */
export function rolloutBucket(
  deviceId: string,
  key: { campaignName: string; salt?: string | undefined },
): number {
  const hash = murmur3Utf8(`${key.salt ?? ''}:${key.campaignName}:${deviceId}`);
  // hash × 10000 < 2^46: exact in a double, so the floor is exact too.
  return Math.floor((hash * rolloutBucketCount) / twoToThe32);
}
