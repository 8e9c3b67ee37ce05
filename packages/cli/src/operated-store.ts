import { type CampaignStore, FileCampaignStore } from '@fleetcast/core';
import { PostgresCampaignStore } from '@fleetcast/postgres';
import type pg from 'pg';
import { CliInputError } from './cli-input-error.js';
import type { CliContext } from './cli-context.js';
import { databaseUrlFrom, openDatabasePool } from './database-options.js';
import { type OperateOptions, operatedJournal } from './operate-options.js';
import { type JournalHeader, readJournalHeader } from './read-journal-header.js';

/** The journal an operating command reads: a file (`--journal`, `--journal-dir`) or the database. */
export interface OperatedStore {
  campaignId: string;
  store: CampaignStore;
  /** The pool when the journal is in the database (`--database-url`), to reach the owner through it. */
  pool: pg.Pool | undefined;
  /** The journal's first record: which platform its run used. */
  header(): Promise<JournalHeader>;
  close(): Promise<void>;
}

/**
 * With `--database-url` (or FLEETCAST_DATABASE_URL) the campaign ID names a journal in the database's
 * PostgresCampaignStore (`--journal` does not apply); without, the file journal as before.
 */
export async function openOperatedStore(
  context: CliContext,
  campaign: string | undefined,
  options: OperateOptions & { databaseUrl?: string },
): Promise<OperatedStore> {
  const url = databaseUrlFrom(options, context.io.env);
  if (url === undefined) {
    const journal = operatedJournal(context, campaign, options);
    return {
      campaignId: journal.campaignId,
      store: new FileCampaignStore({ directory: journal.directory }),
      pool: undefined,
      header: () => readJournalHeader(journal, options.journal ?? journal.path),
      close: async () => undefined,
    };
  }
  if (options.journal !== undefined)
    throw new CliInputError('--journal', 'does not apply with --database-url: give the campaign ID');
  if (campaign === undefined)
    throw new CliInputError(
      '<campaign>',
      'give the campaign ID (`fleetcast list --database-url …` shows them)',
    );
  const pool = openDatabasePool(url);
  const store = new PostgresCampaignStore({ pool });
  try {
    const first = await firstRecord(store, campaign);
    if (first === undefined)
      throw new CliInputError('<campaign>', `no journal of campaign "${campaign}" in the database`);
    return {
      campaignId: campaign,
      store,
      pool,
      header: async () => headerOf(first, campaign),
      close: () => pool.end(),
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** The header of a campaign journaled in the database (what `resume --database-url` needs first). */
export async function readDatabaseJournalHeader(url: string, campaignId: string): Promise<JournalHeader> {
  const pool = openDatabasePool(url);
  try {
    const first = await firstRecord(new PostgresCampaignStore({ pool }), campaignId);
    if (first === undefined)
      throw new CliInputError('--journal', `no journal of campaign "${campaignId}" in the database`);
    return headerOf(first, campaignId);
  } finally {
    await pool.end();
  }
}

async function firstRecord(store: CampaignStore, campaignId: string): Promise<unknown> {
  for await (const record of store.read(campaignId)) return record;
  return undefined;
}

function headerOf(record: unknown, campaignId: string): JournalHeader {
  const header = record as {
    type?: unknown;
    adapter?: unknown;
    campaign?: { name?: unknown; policy?: { retryInterval?: unknown } };
  };
  if (header.type !== 'campaign-started' || typeof header.adapter !== 'string')
    throw new CliInputError(
      '<campaign>',
      `the database journal of "${campaignId}" has no campaign-started record first`,
    );
  const retryInterval = header.campaign?.policy?.retryInterval;
  return {
    adapter: header.adapter,
    campaignName: String(header.campaign?.name ?? ''),
    ...(typeof retryInterval === 'number' ? { retryIntervalMinutes: retryInterval } : {}),
  };
}
