import type { Campaign } from '../campaign/campaign.js';
import { CampaignRun } from './campaign-run.js';
import { executeCampaign } from './campaign-executor.js';
import { newCampaignId } from './new-campaign-id.js';
import { resolveRunOptions } from './resolve-run-options.js';
import type { RunCampaignOptions } from './run-campaign-options.js';
import { RunnerOptionError } from '../errors/runner-option-error.js';

/**
 * Runs a campaign: streams its plan, creates every task exactly once within the platform's call
 * budget and unfinished-task limit, polls the tasks to the end and reports.
 * Throws `RunnerOptionError` at once for bad options; everything else arrives through the run.
 *
 * @example
 * const run = runCampaign(campaign, { adapter, store: new FileCampaignStore({ directory: '.fleetcast' }) });
 * run.on('task-created', (event) => console.log(event.name, event.taskId));
 * const report = await run.result;
 */
export function runCampaign(campaign: Campaign, options: RunCampaignOptions): CampaignRun {
  // Checked before anything runs, so a bad option throws here, not in `run.result`; resolved once.
  const resolved = resolveRunOptions(options);
  const campaignId = options.campaignId ?? newCampaignId();
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(campaignId)) {
    // Same rule as the file store, so an ID that works in memory works on disk too.
    throw new RunnerOptionError('campaignId', campaignId, 'letters, digits, _ and -, 1 to 128 characters');
  }
  return new CampaignRun(campaignId, (run) =>
    executeCampaign(run, { campaignId, campaign, options, resolved }),
  );
}
