import { FleetcastError } from '../errors/fleetcast-error.js';

/**
 * A resumed run cannot continue safely: the adapter differs from the journal's, or the plan no longer
 * comes out the same (the device directory or the planner changed), so task indexes would no longer
 * name the same devices.
 */
export class ResumeMismatchError extends FleetcastError {
  readonly campaignId: string;

  constructor(campaignId: string, detail: string) {
    super('FLEETCAST_RESUME_MISMATCH', `campaign "${campaignId}" cannot be resumed: ${detail}`);
    this.name = 'ResumeMismatchError';
    this.campaignId = campaignId;
  }
}
