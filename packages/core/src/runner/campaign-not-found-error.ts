import { FleetcastError } from '../errors/fleetcast-error.js';

/** `resumeCampaign` was given an ID the store holds no journal for. */
export class CampaignNotFoundError extends FleetcastError {
  readonly campaignId: string;

  constructor(campaignId: string) {
    super(
      'FLEETCAST_CAMPAIGN_NOT_FOUND',
      `campaignId: no journal for campaign "${campaignId}" in the given store`,
    );
    this.name = 'CampaignNotFoundError';
    this.campaignId = campaignId;
  }
}
