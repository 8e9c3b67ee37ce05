import { assertValidCampaign, type Campaign, FleetcastError, RunnerOptionError } from '@fleetcast/core';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { rethrowIfUnmigrated } from './schema-not-migrated-error.js';

/**
 * Run options that travel with a submitted campaign (JSON: functions cannot be stored). Everything
 * else (clock, plan source, rules functions, directory) is the worker's.
 */
export interface SubmittedRunOptions {
  concurrency?: number;
  onTaskError?: 'continue' | 'abort';
  maxUnfinishedTasks?: number;
  ambiguousSettleMs?: number;
  taskDurationMs?: number;
  retry?: {
    maxAttempts?: number;
    baseDelayMs?: number;
    maxDelayMs?: number;
    maxThrottleRetries?: number;
    taskLimitWaitMs?: number;
  };
  poll?: { budgetShare?: number; minIntervalMs?: number; maxIntervalMs?: number };
}

/** Options of {@link submitCampaign}. */
export interface SubmitCampaignOptions {
  /** Journal key; default a random UUID. Letters, digits, `_` and `-`, at most 128. */
  campaignId?: string;
  /** Name of the worker adapter to run it on (a key of the workers' `adapters`). */
  adapter: string;
  runOptions?: SubmittedRunOptions;
}

const campaignExistsMarker = Symbol.for('fleetcast.error.CampaignExistsError');

/** A campaign with this ID was submitted before. */
export class CampaignExistsError extends FleetcastError {
  protected readonly [campaignExistsMarker] = true;
  readonly campaignId: string;
  constructor(campaignId: string) {
    super('FLEETCAST_CAMPAIGN_EXISTS', `campaignId: campaign "${campaignId}" already exists in the database`);
    this.name = 'CampaignExistsError';
    this.campaignId = campaignId;
  }

  /** True when `value` is a CampaignExistsError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is CampaignExistsError {
    return FleetcastError.hasMarker(value, campaignExistsMarker);
  }
}

const idPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Hands a campaign to the workers from any replica: stored in `fleetcast_campaigns` as `submitted`;
 * the first worker with room claims it. Resolves with its ID once the row is committed.
 */
export async function submitCampaign(
  pool: Pool,
  campaign: Campaign,
  options: SubmitCampaignOptions,
): Promise<string> {
  assertValidCampaign(campaign);
  const campaignId = options.campaignId ?? randomUUID();
  if (!idPattern.test(campaignId))
    throw new RunnerOptionError(
      'campaignId',
      campaignId,
      "letters, digits, '_' and '-', 1 to 128 characters",
    );
  try {
    const inserted = await pool.query(
      `INSERT INTO fleetcast_campaigns (campaign_id, campaign, adapter, run_options, status)
       VALUES ($1, $2::jsonb, $3, $4::jsonb, 'submitted') ON CONFLICT (campaign_id) DO NOTHING`,
      [campaignId, JSON.stringify(campaign), options.adapter, JSON.stringify(options.runOptions ?? {})],
    );
    if (inserted.rowCount !== 1) throw new CampaignExistsError(campaignId);
  } catch (error) {
    if (error instanceof CampaignExistsError) throw error;
    rethrowIfUnmigrated(error);
  }
  return campaignId;
}
