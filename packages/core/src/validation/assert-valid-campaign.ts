import { CampaignValidationError } from '../errors/campaign-validation-error.js';
import type { Campaign } from '../campaign/campaign.js';
import { validateCampaign } from './validate-campaign.js';
import type { ValidationLimits } from './validation-limits.js';

/**
 * Narrows untrusted input to a {@link Campaign}, or throws a `CampaignValidationError` holding every
 * issue {@link validateCampaign} found.
 */
export function assertValidCampaign(input: unknown, limits?: ValidationLimits): asserts input is Campaign {
  const issues = validateCampaign(input, limits);
  if (issues.length > 0) throw new CampaignValidationError(issues);
}
