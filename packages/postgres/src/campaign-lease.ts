import type { Pool } from 'pg';

/** A claim on one campaign: only the holder of the newest epoch may append to its journal. */
export interface CampaignLease {
  readonly campaignId: string;
  /** Fencing token: raised by every claim. */
  readonly epoch: number;
  readonly owner: string;
}

/** A claimed campaign with what the worker needs to drive it. */
export interface ClaimedCampaign extends CampaignLease {
  /** The campaign as submitted (null when it was only journaled). */
  readonly campaign: unknown;
  readonly adapter: string | null;
  readonly runOptions: Record<string, unknown>;
  /** An operator asked to stop it before this claim. */
  readonly stopRequested: boolean;
}

interface ClaimRow {
  campaign_id: string;
  epoch: string;
  owner: string;
  campaign: unknown;
  adapter: string | null;
  run_options: Record<string, unknown>;
  stop_requested: boolean;
}

/**
 * Claims the oldest submitted or running campaign that nobody holds (never claimed, released, or its
 * lease expired on the database's clock), raising its epoch. `SKIP LOCKED`: replicas claiming at once
 * get different campaigns. Returns undefined when there is none.
 */
export async function claimCampaign(
  pool: Pool,
  owner: string,
  ttlMs: number,
  only?: string,
): Promise<ClaimedCampaign | undefined> {
  const result = await pool.query<ClaimRow>(
    `WITH claimed AS (
       UPDATE fleetcast_campaigns c
          SET owner = $1, epoch = c.epoch + 1, status = 'running',
              lease_expires_at = clock_timestamp() + $2 * interval '1 millisecond'
        WHERE c.campaign_id = (
          SELECT campaign_id FROM fleetcast_campaigns
           WHERE status IN ('submitted', 'running')
             AND (owner IS NULL OR lease_expires_at <= clock_timestamp())
             AND ($3::text IS NULL OR campaign_id = $3)
           ORDER BY submitted_at
           LIMIT 1
           FOR UPDATE SKIP LOCKED)
        RETURNING c.campaign_id, c.epoch, c.owner, c.campaign, c.adapter, c.run_options, c.stop_requested
     ), audit AS (
       INSERT INTO fleetcast_claims (campaign_id, epoch, owner, claimed_at)
       SELECT campaign_id, epoch, owner, clock_timestamp() FROM claimed
     )
     SELECT * FROM claimed`,
    [owner, ttlMs, only ?? null],
  );
  const row = result.rows[0];
  if (row === undefined) return undefined;
  return {
    campaignId: row.campaign_id,
    epoch: Number(row.epoch),
    owner: row.owner,
    campaign: row.campaign,
    adapter: row.adapter,
    runOptions: row.run_options,
    stopRequested: row.stop_requested,
  };
}

/** What a renewal learned. */
export interface RenewResult {
  /** False: another replica claimed the campaign (a newer epoch), or it was released. */
  held: boolean;
  /** An operator asked to stop the campaign. */
  stopRequested: boolean;
}

/** Extends the lease by `ttlMs` from now (database clock), if this epoch still holds it. */
export async function renewLease(pool: Pool, lease: CampaignLease, ttlMs: number): Promise<RenewResult> {
  const result = await pool.query<{ stop_requested: boolean }>(
    `UPDATE fleetcast_campaigns
        SET lease_expires_at = clock_timestamp() + $4 * interval '1 millisecond'
      WHERE campaign_id = $1 AND epoch = $2 AND owner = $3
      RETURNING stop_requested`,
    [lease.campaignId, lease.epoch, lease.owner, ttlMs],
  );
  const row = result.rows[0];
  return { held: row !== undefined, stopRequested: row?.stop_requested ?? false };
}

/** Gives the campaign up so another replica continues it at once (its epoch stays; the next claim raises it). */
export async function releaseLease(pool: Pool, lease: CampaignLease): Promise<void> {
  await pool.query(
    `UPDATE fleetcast_campaigns SET owner = NULL, lease_expires_at = NULL
      WHERE campaign_id = $1 AND epoch = $2 AND owner = $3`,
    [lease.campaignId, lease.epoch, lease.owner],
  );
}

/** Marks the campaign done (`finished` or `stopped`) with its report, if this epoch still holds it. */
export async function finishLease(
  pool: Pool,
  lease: CampaignLease,
  status: 'finished' | 'stopped',
  report: unknown,
): Promise<boolean> {
  const result = await pool.query(
    `UPDATE fleetcast_campaigns
        SET status = $4, owner = NULL, lease_expires_at = NULL, finished_at = clock_timestamp(), report = $5::jsonb
      WHERE campaign_id = $1 AND epoch = $2 AND owner = $3`,
    [lease.campaignId, lease.epoch, lease.owner, status, JSON.stringify(report)],
  );
  return result.rowCount === 1;
}
