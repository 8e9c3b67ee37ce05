import { CampaignNotFoundError } from '../errors/campaign-not-found-error.js';
import { CampaignState } from './campaign-state.js';
import type { CampaignStore } from './campaign-store.js';
import { replayJournal } from './journal-replay.js';
import type { CampaignStartedRecord, JournalRecord } from './journal-record.js';

/** A campaign's journal read back and replayed. */
export interface CampaignJournal {
  started: CampaignStartedRecord;
  records: JournalRecord[];
  state: CampaignState;
}

/** Reads and replays a campaign's journal; `CampaignNotFoundError` when the store has no such campaign. */
export async function readCampaignJournal(
  store: CampaignStore,
  campaignId: string,
): Promise<CampaignJournal> {
  const records: JournalRecord[] = [];
  for await (const record of store.read(campaignId)) records.push(record);
  const started = records[0];
  if (started === undefined || started.type !== 'campaign-started')
    throw new CampaignNotFoundError(campaignId);
  // The working limit does not matter to a reader; the runner sets its own.
  const state = new CampaignState(Number.POSITIVE_INFINITY);
  replayJournal(state, records);
  return { started, records, state };
}
