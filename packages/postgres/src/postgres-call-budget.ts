import type { ApiCallKind, CallBudgetPort } from '@fleetcast/core';
import { RunnerOptionError } from '@fleetcast/core';
import type { Pool } from 'pg';
import { rethrowIfUnmigrated } from './schema-not-migrated-error.js';

/** Options of {@link PostgresCallBudget}. */
export interface PostgresCallBudgetOptions {
  /** A pool on a database that `migrate(pool)` has prepared. */
  pool: Pool;
  /**
   * The platform application every sharing replica calls (e.g. endpoint + project ID). Replicas with
   * the same key share one budget. Never put a secret in it: it is stored in plain text.
   */
  budgetKey: string;
  /** Calls allowed in any window (the platform's calls per minute), 1–1,000,000. */
  callsPerMinute: number;
  /** Window length in ms, on the database's clock. Default 60,000 (a shorter one only for sped-up simulators). */
  windowMs?: number;
  /**
   * A call whose holder never answers (the process died) counts as answered this long after it
   * started. Default 600,000; keep it above the adapters' request timeout.
   */
  maxCallMs?: number;
  /** Longest wait between two tries while full (others' answers cannot be foreseen). Default 250 ms. */
  pollMs?: number;
}

const engineKinds: ReadonlySet<ApiCallKind> = new Set(['create', 'poll', 'find']);

interface Waiter {
  kind: ApiCallKind;
  resolve: (release: () => void) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

function integer(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RunnerOptionError(field, value, `an integer from ${min} to ${max}`);
  return value;
}

/**
 * A {@link CallBudgetPort} shared by every process on one platform application, kept in PostgreSQL on
 * the database's clock (replicas' clocks disagree; the database's is the one all of them see).
 *
 * Same rule as the in-process `CallBudget`: a call may start only while fewer than `callsPerMinute`
 * calls (of every replica on `budgetKey`) are in flight or were answered within the last window;
 * engine calls never hold every slot (so a metered re-login can always get one); `holdFor` holds every
 * replica. A grant is one round trip (`fleetcast_budget_acquire`, serialized per key by an advisory
 * lock); an answer is recorded with the database's time of the release, never earlier than the real
 * answer, so a slot is freed late rather than early.
 *
 * While the database is unreachable no call starts: waiters keep trying every `pollMs`.
 */
export class PostgresCallBudget implements CallBudgetPort {
  readonly callsPerMinute: number;
  readonly windowMs: number;
  readonly budgetKey: string;
  private readonly pool: Pool;
  private readonly maxCallMs: number;
  private readonly pollMs: number;
  private waiters: Waiter[] = [];
  private localHoldUntil = Number.NEGATIVE_INFINITY;
  private pumping = false;
  private wake: (() => void) | undefined;
  private readonly counts: Record<ApiCallKind, number> = {
    create: 0,
    poll: 0,
    find: 0,
    auth: 0,
    lookup: 0,
    page: 0,
  };

  constructor(options: PostgresCallBudgetOptions) {
    this.pool = options.pool;
    if (
      typeof options.budgetKey !== 'string' ||
      options.budgetKey.length === 0 ||
      options.budgetKey.length > 512
    )
      throw new RunnerOptionError('budgetKey', options.budgetKey, 'a string of 1 to 512 characters');
    this.budgetKey = options.budgetKey;
    this.callsPerMinute = integer('callsPerMinute', options.callsPerMinute, 1, 1_000_000);
    this.windowMs = integer('windowMs', options.windowMs ?? 60_000, 1, 86_400_000);
    this.maxCallMs = integer('maxCallMs', options.maxCallMs ?? 600_000, 1, 86_400_000);
    this.pollMs = integer('pollMs', options.pollMs ?? 250, 1, 60_000);
  }

  get callsByKind(): Readonly<Record<ApiCallKind, number>> {
    return { ...this.counts };
  }

  acquire(kind: ApiCallKind, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.nudge();
    });
  }

  async run<T>(kind: ApiCallKind, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(kind, signal);
    try {
      return await call();
    } finally {
      release();
    }
  }

  holdFor(ms: number): void {
    const hold = Math.max(0, Math.ceil(ms));
    // At once for this process's calls; the other replicas see it once the row is written.
    this.localHoldUntil = Math.max(this.localHoldUntil, performance.now() + hold);
    void this.pool
      .query(
        `INSERT INTO fleetcast_budgets (budget_key, held_until) VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
         ON CONFLICT (budget_key) DO UPDATE SET held_until = greatest(fleetcast_budgets.held_until, excluded.held_until)`,
        [this.budgetKey, hold],
      )
      .catch(() => undefined);
  }

  private nudge(): void {
    if (this.pumping) {
      this.wake?.();
      return;
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        // A metered request goes first: an engine call of ours may be waiting on it.
        const waiter = this.waiters.find((candidate) => !engineKinds.has(candidate.kind)) ?? this.waiters[0];
        if (waiter === undefined) break;
        const held = this.localHoldUntil - performance.now();
        if (held > 0) {
          await this.sleep(Math.ceil(held));
          continue;
        }
        let waitMs = this.pollMs;
        try {
          const result = await this.pool.query<{ call_id: string | null; wait_ms: number | null }>(
            'SELECT call_id, wait_ms FROM fleetcast_budget_acquire($1, $2, $3, $4, $5, $6)',
            [
              this.budgetKey,
              this.callsPerMinute,
              this.windowMs,
              waiter.kind,
              engineKinds.has(waiter.kind),
              this.maxCallMs,
            ],
          );
          const row = result.rows[0];
          if (row?.call_id !== null && row?.call_id !== undefined) {
            this.grant(waiter, row.call_id);
            continue;
          }
          if (row?.wait_ms !== null && row?.wait_ms !== undefined)
            waitMs = Math.min(this.pollMs, Math.max(1, Math.ceil(row.wait_ms)));
        } catch (error) {
          if ((error as { code?: string }).code === '42P01') {
            this.failAll(error);
            break;
          }
          // Database unreachable or busy: no call may start; try again.
        }
        await this.sleep(waitMs);
      }
    } finally {
      this.pumping = false;
    }
  }

  private grant(waiter: Waiter, callId: string): void {
    const position = this.waiters.indexOf(waiter);
    if (position < 0) {
      // Aborted while the grant was on its way: give the slot back at once.
      this.answer(callId);
      return;
    }
    this.waiters.splice(position, 1);
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    this.counts[waiter.kind] += 1;
    let released = false;
    waiter.resolve(() => {
      if (released) return;
      released = true;
      this.answer(callId);
    });
  }

  /** Records the answer on the database's clock; a failure leaves the row to count until its deadline. */
  private answer(callId: string): void {
    void this.pool
      .query('UPDATE fleetcast_budget_calls SET answered_at = clock_timestamp() WHERE id = $1', [callId])
      .then(
        () => this.nudge(),
        () => undefined,
      );
  }

  private failAll(error: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      try {
        rethrowIfUnmigrated(error);
      } catch (typed) {
        waiter.reject(typed);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
