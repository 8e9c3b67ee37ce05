import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.CampaignOperationError');

/**
 * An operation on a campaign (retry) cannot be done in the state its journal shows. `code`:
 * `FLEETCAST_CAMPAIGN_STOPPED` (an operator stopped it: a retry would create tasks),
 * `FLEETCAST_PLAN_INCOMPLETE` (the plan was never read to its end: resume it first).
 */
export class CampaignOperationError extends FleetcastError {
  protected readonly [marker] = true;
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

  /** True when `value` is a CampaignOperationError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is CampaignOperationError {
    return FleetcastError.hasMarker(value, marker);
  }
}
