import { PlatformError } from '../errors/platform-error.js';
import type { CampaignState } from './campaign-state.js';

/**
 * True when the platform cannot be reached at all (connection refused, host not found) and the run has no
 * task on it yet: a typo'd port or host, not a blip. Retrying for a minute and then reporting every task
 * `unknown` would hide that; the run ends at once with `status: 'failed'` naming the URL instead (nothing
 * was sent, so a resume after the fix creates everything). Once a task exists the same error is retried:
 * the platform answered before, so it may be restarting.
 */
export function isUnreachableAtStart(error: unknown, state: CampaignState): boolean {
  if (!PlatformError.isInstance(error) || !error.unreachable) return false;
  for (const task of state.tasks.values()) if (task.created === true) return false;
  return true;
}
