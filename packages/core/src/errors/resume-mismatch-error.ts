import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.ResumeMismatchError');

/**
 * A resumed run cannot continue safely: the adapter differs from the journal's, or the plan no longer
 * comes out the same (the device directory or the planner changed), so task indexes would no longer
 * name the same devices.
 */
export class ResumeMismatchError extends FleetcastError {
  protected readonly [marker] = true;
  readonly campaignId: string;

  constructor(campaignId: string, detail: string) {
    super('FLEETCAST_RESUME_MISMATCH', `campaign "${campaignId}" cannot be resumed: ${detail}`);
    this.name = 'ResumeMismatchError';
    this.campaignId = campaignId;
  }

  /** True when `value` is a ResumeMismatchError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is ResumeMismatchError {
    return FleetcastError.hasMarker(value, marker);
  }
}
