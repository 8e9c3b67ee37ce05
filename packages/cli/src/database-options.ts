import type { AdapterV1, CallBudgetPort, CampaignStore } from '@fleetcast/core';
import { PostgresCallBudget, PostgresCampaignStore } from '@fleetcast/postgres';
import type { Command } from 'commander';
import pg from 'pg';
import { CliInputError } from './cli-input-error.js';

/** Options of commands that can keep campaigns in PostgreSQL. */
export interface DatabaseOptions {
  databaseUrl?: string;
}

/** Adds `--database-url` (else FLEETCAST_DATABASE_URL). */
export function addDatabaseOption(command: Command): Command {
  return command.option(
    '--database-url <url>',
    'PostgreSQL: journal and call budget in the database, shared by every replica (or FLEETCAST_DATABASE_URL)',
  );
}

/** The database URL from the option or the environment; undefined when neither is set. */
export function databaseUrlFrom(
  options: DatabaseOptions,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const url = options.databaseUrl ?? env.FLEETCAST_DATABASE_URL;
  if (url === undefined || url === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(url))
    // The URL may hold a password: never echo it.
    throw new CliInputError('--database-url', 'must be a postgres:// or postgresql:// URL');
  return url;
}

/** A pool on the database; idle connections the server drops are replaced, not fatal. */
export function openDatabasePool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => undefined);
  return pool;
}

/** The journal and call budget of a run kept in the database. */
export function databaseRunParts(pool: pg.Pool, adapter: AdapterV1, platform: string, endpoint: string) {
  const store: CampaignStore = new PostgresCampaignStore({ pool });
  const applicationKey = (adapter as { applicationKey?: string }).applicationKey;
  const budget: CallBudgetPort = new PostgresCallBudget({
    pool,
    // Never a secret: the endpoint's origin and path only (no user:password@).
    budgetKey: applicationKey ?? `${platform} ${originOf(endpoint)}`,
    callsPerMinute: adapter.capabilities.rateLimitPerMinute ?? 100,
  });
  return { store, budget };
}

/** Whether the database already holds a journal for this campaign ID. */
export async function databaseHasJournal(url: string, campaignId: string): Promise<boolean> {
  const pool = openDatabasePool(url);
  try {
    for await (const _record of new PostgresCampaignStore({ pool }).read(campaignId)) return true;
    return false;
  } finally {
    await pool.end();
  }
}

function originOf(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.origin}${url.pathname}`;
  } catch {
    return endpoint;
  }
}
