import { readCampaignStatus } from './read-campaign-status.js';
import type { CampaignLifecycleState } from './campaign-status.js';
import type { CampaignStore } from './campaign-store.js';
import type { DeviceTotals } from './campaign-report.js';
import { RunnerOptionError } from '../errors/runner-option-error.js';

/** One campaign in {@link listCampaigns}. */
export interface CampaignSummary {
  campaignId: string;
  campaignName: string;
  adapter: string;
  state: CampaignLifecycleState;
  /** Wall-clock ms the campaign was started. */
  startedAt: number;
  /** Journal time of the `campaign-finished` record, when the campaign is not running. */
  finishedAt?: number;
  tasks: number;
  totals: DeviceTotals;
}

/**
 * Every campaign a store holds, newest first, with its name, state, start and end and device totals,
 * read from the journals alone (no platform call). The store must implement `listCampaignIds`.
 *
 * @example
 * for (const campaign of await listCampaigns(new FileCampaignStore({ directory: '.fleetcast/journals' })))
 *   console.log(campaign.campaignId, campaign.state);
 */
export async function listCampaigns(store: CampaignStore): Promise<CampaignSummary[]> {
  if (typeof store?.listCampaignIds !== 'function') {
    throw new RunnerOptionError(
      'store',
      'a store without listCampaignIds',
      'a CampaignStore with listCampaignIds()',
    );
  }
  const summaries: CampaignSummary[] = [];
  for await (const campaignId of store.listCampaignIds()) {
    const status = await readCampaignStatus(campaignId, { store }).catch((error: unknown) => {
      // A journal file without a campaign-started record (an empty file) is not a campaign.
      if ((error as { code?: string }).code === 'FLEETCAST_CAMPAIGN_NOT_FOUND') return undefined;
      throw error;
    });
    if (status === undefined) continue;
    summaries.push({
      campaignId,
      campaignName: status.campaignName,
      adapter: status.adapter,
      state: status.state,
      startedAt: status.startedAt,
      ...(status.state === 'running' ? {} : { finishedAt: status.lastSeenAt }),
      tasks: status.tasks.length,
      totals: status.totals,
    });
  }
  return summaries.sort((a, b) => b.startedAt - a.startedAt || a.campaignId.localeCompare(b.campaignId));
}
