import type { JournalRecord } from './journal-record.js';

/**
 * Where the runner keeps a campaign's journal. Implementations must make `append` durable before its
 * promise resolves: the runner writes a task's intent, awaits it, and only then calls the platform.
 */
export interface CampaignStore {
  /** Appends one record; resolved = it survives a crash of this process. Appends to one campaign are issued one at a time. */
  append(campaignId: string, record: JournalRecord): Promise<void>;
  /** Every record of the campaign in append order; an empty iteration when the campaign is unknown. */
  read(campaignId: string): AsyncIterable<JournalRecord>;
  /**
   * The ID of every campaign the store holds, in no particular order (`listCampaigns` reads them).
   * Optional so that stores written before it stay valid; both core stores implement it.
   */
  listCampaignIds?(): AsyncIterable<string>;
  /** Releases what the store holds for this campaign (open files); the runner calls it when a run ends. */
  release?(campaignId: string): Promise<void>;
}
