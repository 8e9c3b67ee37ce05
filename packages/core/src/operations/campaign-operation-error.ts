import { FleetcastError } from '../errors/fleetcast-error.js';

/**
 * An operation on a campaign (retry) cannot be done in the state its journal shows. `code`:
 * `FLEETCAST_CAMPAIGN_STOPPED` (an operator stopped it: a retry would create tasks),
 * `FLEETCAST_PLAN_INCOMPLETE` (the plan was never read to its end: resume it first).
 */
export class CampaignOperationError extends FleetcastError {
  readonly campaignId: string;

  constructor(
    code: 'FLEETCAST_CAMPAIGN_STOPPED' | 'FLEETCAST_PLAN_INCOMPLETE',
    campaignId: string,
    message: string,
  ) {
    super(code, message);
    this.name = 'CampaignOperationError';
    this.campaignId = campaignId;
  }
}
