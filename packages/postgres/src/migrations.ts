/** One schema change. Versions only grow; an applied migration is never edited (add a new one). */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * fleetcast's tables, in order. They hold only what no job queue has: the journal, the lease with its
 * fencing epoch, and the shared call budget (docs/replicas.md).
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'campaigns, journal, call budget',
    sql: `
      CREATE TABLE fleetcast_campaigns (
        campaign_id      text PRIMARY KEY,
        -- What submitCampaign handed in; null for a campaign only journaled (runCampaign with this store).
        campaign         jsonb,
        adapter          text,
        run_options      jsonb NOT NULL DEFAULT '{}'::jsonb,
        -- submitted: waiting for a worker; running: a worker drove it; finished / stopped: done.
        status           text NOT NULL DEFAULT 'journal'
                         CHECK (status IN ('journal', 'submitted', 'running', 'finished', 'stopped')),
        stop_requested   boolean NOT NULL DEFAULT false,
        -- Fencing token: raised by every claim; an append with a lower one is refused.
        epoch            bigint NOT NULL DEFAULT 0,
        owner            text,
        lease_expires_at timestamptz,
        submitted_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at      timestamptz,
        report           jsonb
      );
      CREATE INDEX fleetcast_campaigns_claimable ON fleetcast_campaigns (submitted_at)
        WHERE status IN ('submitted', 'running');

      CREATE TABLE fleetcast_journal (
        campaign_id text NOT NULL REFERENCES fleetcast_campaigns (campaign_id) ON DELETE CASCADE,
        seq         bigint NOT NULL,
        epoch       bigint NOT NULL,
        record      jsonb NOT NULL,
        written_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (campaign_id, seq)
      );

      -- Who held which epoch since when: the audit trail of hand-overs (and what fencing is checked against).
      CREATE TABLE fleetcast_claims (
        campaign_id text NOT NULL REFERENCES fleetcast_campaigns (campaign_id) ON DELETE CASCADE,
        epoch       bigint NOT NULL,
        owner       text NOT NULL,
        claimed_at  timestamptz NOT NULL,
        PRIMARY KEY (campaign_id, epoch)
      );

      CREATE TABLE fleetcast_budgets (
        budget_key       text PRIMARY KEY,
        held_until       timestamptz NOT NULL DEFAULT '-infinity'
      );

      -- One row per call: counted while in flight and for one window after its answer.
      CREATE TABLE fleetcast_budget_calls (
        id          bigserial PRIMARY KEY,
        budget_key  text NOT NULL,
        kind        text NOT NULL,
        engine      boolean NOT NULL,
        started_at  timestamptz NOT NULL,
        -- Null while in flight; a holder that died never answers, so its row counts until its deadline.
        answered_at timestamptz,
        deadline    timestamptz NOT NULL
      );
      CREATE INDEX fleetcast_budget_calls_window ON fleetcast_budget_calls (budget_key, (coalesce(answered_at, deadline)));

      -- One round trip per try. PL/pgSQL takes a new snapshot per statement, so after the advisory lock
      -- the count sees every call granted before (a single statement's snapshot would predate the lock).
      CREATE FUNCTION fleetcast_budget_acquire(
        p_key text, p_limit integer, p_window_ms bigint, p_kind text, p_engine boolean, p_max_call_ms bigint
      ) RETURNS TABLE (call_id bigint, wait_ms double precision) LANGUAGE plpgsql AS $fn$
      DECLARE
        v_now     timestamptz;
        v_window  interval := p_window_ms * interval '1 millisecond';
        v_held    timestamptz;
        v_count   integer;
        v_engine  integer;
        v_oldest  timestamptz;
      BEGIN
        -- A grant need not survive a database crash (the calls in flight end with the connection), so
        -- its commit does not wait for the WAL flush: grants are serialized per key, and this is their cost.
        PERFORM set_config('synchronous_commit', 'off', true);
        PERFORM pg_advisory_xact_lock(hashtextextended('fleetcast_budget:' || p_key, 0));
        v_now := clock_timestamp();
        SELECT b.held_until INTO v_held FROM fleetcast_budgets b WHERE b.budget_key = p_key;
        IF v_held IS NOT NULL AND v_held > v_now THEN
          RETURN QUERY SELECT NULL::bigint, extract(epoch FROM v_held - v_now) * 1000;
          RETURN;
        END IF;
        DELETE FROM fleetcast_budget_calls c
          WHERE c.budget_key = p_key AND coalesce(c.answered_at, c.deadline) <= v_now - v_window;
        SELECT count(*),
               count(*) FILTER (WHERE c.engine AND c.answered_at IS NULL),
               min(c.answered_at)
          INTO v_count, v_engine, v_oldest
          FROM fleetcast_budget_calls c WHERE c.budget_key = p_key;
        IF v_count < p_limit AND (NOT p_engine OR p_limit < 2 OR v_engine < p_limit - 1) THEN
          RETURN QUERY INSERT INTO fleetcast_budget_calls (budget_key, kind, engine, started_at, deadline)
            VALUES (p_key, p_kind, p_engine, v_now, v_now + p_max_call_ms * interval '1 millisecond')
            RETURNING id, 0::double precision;
          RETURN;
        END IF;
        RETURN QUERY SELECT NULL::bigint, extract(epoch FROM (v_oldest + v_window) - v_now) * 1000;
      END
      $fn$;
    `,
  },
];
