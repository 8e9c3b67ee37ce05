import type { CampaignStore, JournalRecord } from '@fleetcast/core';
import type { Pool } from 'pg';
import { LeaseLostError } from './lease-lost-error.js';
import { rethrowIfUnmigrated } from './schema-not-migrated-error.js';

/** Options of {@link PostgresCampaignStore}. */
export interface PostgresCampaignStoreOptions {
  /** A node-postgres pool on a database that `migrate(pool)` has prepared. */
  pool: Pool;
  /** Records read per round trip, 1–100,000. Default 500. */
  readPageSize?: number;
}

const appendSql = `
  WITH lease AS (SELECT epoch FROM fleetcast_campaigns WHERE campaign_id = $1 FOR UPDATE)
  INSERT INTO fleetcast_journal (campaign_id, seq, epoch, record)
  SELECT $1, coalesce((SELECT max(seq) FROM fleetcast_journal WHERE campaign_id = $1), 0) + 1, $2, $3::jsonb
  FROM lease WHERE lease.epoch <= $2
  RETURNING seq`;

/**
 * A {@link CampaignStore} in PostgreSQL: one row per record in `fleetcast_journal`, readable by every
 * replica. `append` resolves once its transaction committed (durable as the server's
 * `synchronous_commit` makes it; on by default).
 *
 * Fencing: every append carries the epoch set by {@link fence} for its campaign (0 when none), and the
 * database refuses it with {@link LeaseLostError} when the campaign's epoch is newer: a replica that
 * lost its lease cannot write again. The check and the insert are one statement that locks the
 * campaign's row, so a claim and an append are ordered: the new owner reads every record the old one
 * got in.
 */
export class PostgresCampaignStore implements CampaignStore {
  private readonly pool: Pool;
  private readonly readPageSize: number;
  private readonly epochs = new Map<string, number>();
  /** Per campaign, the last append in flight: appends are kept in call order even when not awaited. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(options: PostgresCampaignStoreOptions) {
    this.pool = options.pool;
    this.readPageSize = options.readPageSize ?? 500;
  }

  /** Appends to `campaignId` carry `epoch` from now on (the lease this process holds). */
  fence(campaignId: string, epoch: number): void {
    this.epochs.set(campaignId, epoch);
  }

  /** The epoch appends to `campaignId` carry. */
  epochOf(campaignId: string): number {
    return this.epochs.get(campaignId) ?? 0;
  }

  append(campaignId: string, record: JournalRecord): Promise<void> {
    const epoch = this.epochOf(campaignId);
    const text = JSON.stringify(record);
    const previous = this.tails.get(campaignId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.insert(campaignId, epoch, text));
    const tail = next.catch(() => undefined);
    this.tails.set(campaignId, tail);
    void tail.then(() => {
      if (this.tails.get(campaignId) === tail) this.tails.delete(campaignId);
    });
    return next;
  }

  private async insert(campaignId: string, epoch: number, text: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const inserted = await this.pool.query(appendSql, [campaignId, epoch, text]);
        if (inserted.rowCount === 1) return;
        const current = await this.pool.query<{ epoch: string }>(
          'SELECT epoch FROM fleetcast_campaigns WHERE campaign_id = $1',
          [campaignId],
        );
        const row = current.rows[0];
        if (row !== undefined) throw new LeaseLostError(campaignId, epoch, Number(row.epoch));
        // First record of a campaign nobody submitted (runCampaign with this store): its row, then again.
        await this.pool.query(
          'INSERT INTO fleetcast_campaigns (campaign_id) VALUES ($1) ON CONFLICT (campaign_id) DO NOTHING',
          [campaignId],
        );
      } catch (error) {
        // Two writers at once (only a replica that lost its lease and the new owner): the statement's
        // snapshot saw an old max(seq). The retry sees the new epoch and is refused, or gets the next seq.
        if ((error as { code?: string }).code === '23505' && attempt < 3) continue;
        rethrowIfUnmigrated(error);
      }
    }
  }

  async *read(campaignId: string): AsyncIterable<JournalRecord> {
    let after = 0;
    for (;;) {
      let rows: { seq: string; record: JournalRecord }[];
      try {
        const page = await this.pool.query<{ seq: string; record: JournalRecord }>(
          'SELECT seq, record FROM fleetcast_journal WHERE campaign_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
          [campaignId, after, this.readPageSize],
        );
        rows = page.rows;
      } catch (error) {
        rethrowIfUnmigrated(error);
      }
      for (const row of rows) yield row.record;
      if (rows.length < this.readPageSize) return;
      after = Number((rows[rows.length - 1] as { seq: string }).seq);
    }
  }

  /** IDs of every campaign with a journal, in ID order (paged, so any number of campaigns). */
  async *listCampaignIds(): AsyncIterable<string> {
    let after = '';
    for (;;) {
      let ids: string[];
      try {
        const page = await this.pool.query<{ campaign_id: string }>(
          `SELECT c.campaign_id FROM fleetcast_campaigns c
           WHERE c.campaign_id > $1 AND EXISTS (SELECT 1 FROM fleetcast_journal j WHERE j.campaign_id = c.campaign_id)
           ORDER BY c.campaign_id LIMIT $2`,
          [after, this.readPageSize],
        );
        ids = page.rows.map((row) => row.campaign_id);
      } catch (error) {
        rethrowIfUnmigrated(error);
      }
      yield* ids;
      if (ids.length < this.readPageSize) return;
      after = ids[ids.length - 1] as string;
    }
  }
}
