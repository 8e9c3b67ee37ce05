import type { CampaignReport } from '@fleetcast/core';
import type { Pool } from 'pg';
import { rethrowIfUnmigrated } from './schema-not-migrated-error.js';

/** A campaign as the database sees it, readable from any replica. */
export interface SharedCampaignState {
  campaignId: string;
  /** `journal`: only journaled (runCampaign with a PostgresCampaignStore); `submitted`; `running`; `finished`; `stopped`. */
  status: 'journal' | 'submitted' | 'running' | 'finished' | 'stopped';
  adapter: string | null;
  /** The worker that holds the lease now, if any (and its lease has not expired). */
  owner: string | null;
  epoch: number;
  leaseExpiresAt: Date | null;
  stopRequested: boolean;
  submittedAt: Date;
  finishedAt: Date | null;
  /** The owner's final report, once finished or stopped. */
  report: CampaignReport | null;
}

interface Row {
  campaign_id: string;
  status: SharedCampaignState['status'];
  adapter: string | null;
  owner: string | null;
  epoch: string;
  lease_expires_at: Date | null;
  stop_requested: boolean;
  submitted_at: Date;
  finished_at: Date | null;
  report: CampaignReport | null;
  live: boolean;
}

const columns = `campaign_id, status, adapter, epoch, lease_expires_at, stop_requested, submitted_at, finished_at, report,
  CASE WHEN lease_expires_at > clock_timestamp() THEN owner END AS owner`;

function fromRow(row: Row): SharedCampaignState {
  return {
    campaignId: row.campaign_id,
    status: row.status,
    adapter: row.adapter,
    owner: row.owner,
    epoch: Number(row.epoch),
    leaseExpiresAt: row.lease_expires_at,
    stopRequested: row.stop_requested,
    submittedAt: row.submitted_at,
    finishedAt: row.finished_at,
    report: row.report,
  };
}

/** The campaign's state in the database; undefined when unknown. */
export async function readSharedCampaign(
  pool: Pool,
  campaignId: string,
): Promise<SharedCampaignState | undefined> {
  try {
    const result = await pool.query<Row>(
      `SELECT ${columns} FROM fleetcast_campaigns WHERE campaign_id = $1`,
      [campaignId],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : fromRow(row);
  } catch (error) {
    rethrowIfUnmigrated(error);
  }
}

/** Every campaign in the database, most recently submitted first (at most `limit`, default 1,000). */
export async function listSharedCampaigns(pool: Pool, limit = 1_000): Promise<SharedCampaignState[]> {
  try {
    const result = await pool.query<Row>(
      `SELECT ${columns} FROM fleetcast_campaigns ORDER BY submitted_at DESC, campaign_id LIMIT $1`,
      [limit],
    );
    return result.rows.map(fromRow);
  } catch (error) {
    rethrowIfUnmigrated(error);
  }
}

/**
 * Asks the campaign to stop, from any replica: the owner sees it at its next lease renewal (within a
 * third of the lease TTL), cancels the run cleanly (creates under way are answered and journaled) and
 * marks it `stopped`. A campaign nobody claimed yet is stopped at once. Returns false for an unknown
 * or already finished campaign.
 */
export async function requestCampaignStop(pool: Pool, campaignId: string): Promise<boolean> {
  try {
    const result = await pool.query(
      `UPDATE fleetcast_campaigns
          SET stop_requested = true,
              status = CASE WHEN status = 'submitted' THEN 'stopped' ELSE status END,
              finished_at = CASE WHEN status = 'submitted' THEN clock_timestamp() ELSE finished_at END
        WHERE campaign_id = $1 AND status IN ('submitted', 'running')`,
      [campaignId],
    );
    return result.rowCount === 1;
  } catch (error) {
    rethrowIfUnmigrated(error);
  }
}
