import { FleetcastError } from '@fleetcast/core';

const marker = Symbol.for('fleetcast.error.LeaseLostError');

/**
 * A journal append (or a lease renewal) was refused because another replica claimed the campaign
 * with a newer epoch: this process lost its lease (it was paused, partitioned or too slow to renew)
 * and must stop driving the campaign. Nothing was written.
 */
export class LeaseLostError extends FleetcastError {
  protected readonly [marker] = true;
  readonly campaignId: string;
  /** The epoch this process held. */
  readonly epoch: number;
  /** The epoch the database holds now, when known. */
  readonly currentEpoch: number | undefined;

  constructor(campaignId: string, epoch: number, currentEpoch?: number) {
    super(
      'FLEETCAST_LEASE_LOST',
      `campaign "${campaignId}": lease epoch ${epoch} was superseded${
        currentEpoch === undefined ? '' : ` by epoch ${currentEpoch}`
      } (another replica holds the campaign); nothing was written`,
    );
    this.name = 'LeaseLostError';
    this.campaignId = campaignId;
    this.epoch = epoch;
    this.currentEpoch = currentEpoch;
  }

  /** True when `value` is a LeaseLostError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is LeaseLostError {
    return FleetcastError.hasMarker(value, marker);
  }
}
