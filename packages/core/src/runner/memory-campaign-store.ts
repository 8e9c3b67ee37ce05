import type { CampaignStore } from './campaign-store.js';
import type { JournalRecord } from './journal-record.js';

/** A {@link CampaignStore} in this process's memory: the default, survives nothing but a `resumeCampaign` in the same process. */
export class MemoryCampaignStore implements CampaignStore {
  private readonly journals = new Map<string, JournalRecord[]>();

  async append(campaignId: string, record: JournalRecord): Promise<void> {
    let journal = this.journals.get(campaignId);
    if (journal === undefined) {
      journal = [];
      this.journals.set(campaignId, journal);
    }
    // A copy, so that later changes to the caller's objects cannot rewrite history. The campaign itself
    // is kept by reference: a 10 M-ID device list must not be held twice.
    journal.push(record.type === 'campaign-started' ? { ...record } : structuredClone(record));
  }

  async *read(campaignId: string): AsyncIterable<JournalRecord> {
    for (const record of this.journals.get(campaignId) ?? [])
      yield record.type === 'campaign-started' ? { ...record } : structuredClone(record);
  }

  async *listCampaignIds(): AsyncIterable<string> {
    yield* [...this.journals.keys()];
  }

  /** IDs of the campaigns this store holds. */
  campaignIds(): string[] {
    return [...this.journals.keys()];
  }
}
