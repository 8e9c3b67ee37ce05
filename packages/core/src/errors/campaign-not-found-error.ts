import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.CampaignNotFoundError');

/** `resumeCampaign` was given an ID the store holds no journal for. */
export class CampaignNotFoundError extends FleetcastError {
  protected readonly [marker] = true;
  readonly campaignId: string;

  constructor(campaignId: string) {
    super(
      'FLEETCAST_CAMPAIGN_NOT_FOUND',
      `campaignId: no journal for campaign "${campaignId}" in the given store`,
    );
    this.name = 'CampaignNotFoundError';
    this.campaignId = campaignId;
  }

  /** True when `value` is a CampaignNotFoundError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is CampaignNotFoundError {
    return FleetcastError.hasMarker(value, marker);
  }
}
