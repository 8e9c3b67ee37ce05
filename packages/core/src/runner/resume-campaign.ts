import { CampaignNotFoundError } from '../errors/campaign-not-found-error.js';
import { CampaignRun } from './campaign-run.js';
import { executeCampaign } from './campaign-executor.js';
import { resolveRunOptions } from './resolve-run-options.js';
import type { JournalRecord } from './journal-record.js';
import { ResumeMismatchError } from '../errors/resume-mismatch-error.js';
import type { ResumeCampaignOptions } from './run-campaign-options.js';

/**
 * Continues a campaign from its journal, typically after the process running it died. Tasks the
 * journal shows created are polled, tasks it shows with an intent but no outcome are first looked up
 * (see docs/runner.md, "Resume"), the rest are created. The plan is streamed again and must come out
 * the same (same directory contents), or the run rejects with `ResumeMismatchError`.
 *
 * @example
 * const report = await resumeCampaign(campaignId, { adapter, store, directory }).result;
 */
export function resumeCampaign(campaignId: string, options: ResumeCampaignOptions): CampaignRun {
  // Checked before anything runs, so a bad option throws here, not in `run.result`; resolved once.
  const resolved = resolveRunOptions(options);
  return new CampaignRun(campaignId, async (run) => {
    const store = options.store;
    const journal: JournalRecord[] = [];
    if (store !== undefined) for await (const record of store.read(campaignId)) journal.push(record);
    const started = journal[0];
    if (started === undefined || started.type !== 'campaign-started')
      throw new CampaignNotFoundError(campaignId);
    if (started.adapter !== options.adapter.name) {
      throw new ResumeMismatchError(
        campaignId,
        `it was started with adapter "${started.adapter}", not "${options.adapter.name}"`,
      );
    }
    return executeCampaign(run, {
      campaignId,
      campaign: started.campaign,
      options: { ...options, store },
      resolved,
      journal,
    });
  });
}
