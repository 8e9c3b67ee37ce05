import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.CampaignValidationError');

/** One problem found in a campaign: where, what, and a message that names the field and the limit. */
export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `target.deviceIds[40211]` or `policy.timeout`. */
  readonly path: string;
  /** Stable identifier of the rule that failed, e.g. `too_long`, `out_of_range`, `invalid_device_id`. */
  readonly code: string;
  /** Human-readable sentence naming the field, the (shortened) value and the limit. */
  readonly message: string;
}

/** Thrown by `assertValidCampaign` and by the planner: holds every problem found, not just the first. */
export class CampaignValidationError extends FleetcastError {
  protected readonly [marker] = true;
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    const head = issues
      .slice(0, 5)
      .map((issue) => `  - ${issue.message}`)
      .join('\n');
    const more = issues.length > 5 ? `\n  … and ${issues.length - 5} more` : '';
    super('FLEETCAST_INVALID_CAMPAIGN', `The campaign has ${issues.length} problem(s):\n${head}${more}`);
    this.name = 'CampaignValidationError';
    this.issues = issues;
  }

  /** True when `value` is a CampaignValidationError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is CampaignValidationError {
    return FleetcastError.hasMarker(value, marker);
  }
}
