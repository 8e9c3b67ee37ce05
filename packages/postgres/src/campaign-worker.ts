import { hostname } from 'node:os';
import {
  type AdapterV1,
  type CallBudgetPort,
  type Campaign,
  type CampaignReport,
  type CampaignRun,
  FleetcastError,
  PlatformError,
  type ResumeCampaignOptions,
  resumeCampaign,
  runCampaign,
} from '@fleetcast/core';
import type { Pool } from 'pg';
import { type ClaimedCampaign, claimCampaign, finishLease, releaseLease } from './campaign-lease.js';
import { LeaseKeeper } from './lease-keeper.js';
import { LeaseLostError } from './lease-lost-error.js';
import { PostgresCallBudget } from './postgres-call-budget.js';
import { PostgresCampaignStore } from './postgres-campaign-store.js';

/** Options of {@link createCampaignWorker}. */
export interface CampaignWorkerOptions {
  /** A pool on a database that `migrate(pool)` has prepared. */
  pool: Pool;
  /** Adapters by name; a submitted campaign names the one it runs on (`submitCampaign(..., { adapter })`). */
  adapters: Record<string, AdapterV1>;
  /** Campaigns this worker drives at once, 1–1,000. Default 4. */
  concurrency?: number;
  /** Lease length on the database's clock, renewed every third of it. Default 30,000 ms. */
  leaseTtlMs?: number;
  /** How often the worker looks for submitted campaigns and expired leases. Default 1,000 ms. */
  pollIntervalMs?: number;
  /** This replica's name in the lease table. Default `<hostname>-<pid>-<random>`. */
  workerId?: string;
  /**
   * The call budget of each adapter. Default: a {@link PostgresCallBudget} per adapter shared by every
   * replica, keyed by `budgetKeys[name]`, else the adapter's `applicationKey`, else its name in `adapters`.
   */
  budgets?: Record<string, CallBudgetPort>;
  /** Budget keys by adapter name (the platform application: endpoint + project; never a secret). */
  budgetKeys?: Record<string, string>;
  /** Window of the default budgets (60,000 ms; shorter only for a sped-up simulator). */
  budgetWindowMs?: number;
  /** Runner options for every campaign (clock, plan source, rules, directory, retry...). */
  runOptions?: Omit<ResumeCampaignOptions, 'adapter' | 'store' | 'budget' | 'signal'>;
  /** Called with each run this worker starts (to follow its events). */
  onRun?: (run: CampaignRun, lease: ClaimedCampaign) => void;
  /** Called when this worker lost a campaign's lease (another replica claimed it, or renewal failed too long). */
  onLeaseLost?: (campaignId: string, epoch: number) => void;
  /** Called when something went wrong outside a run (a claim failed: database unreachable). */
  onError?: (error: unknown) => void;
}

/** A running worker. */
export interface CampaignWorker {
  readonly workerId: string;
  /** Campaign IDs this worker drives now. */
  held(): string[];
  /**
   * Stops cleanly: claims nothing more, cancels its runs (creates under way are answered and
   * journaled), and releases their leases so another replica continues at once.
   */
  stop(): Promise<void>;
}

interface Driving {
  lease: ClaimedCampaign;
  keeper: LeaseKeeper;
  controller: AbortController;
  why: 'shutdown' | 'stop' | 'lost' | undefined;
  done: Promise<void>;
}

/**
 * Runs in every replica: claims submitted campaigns and campaigns whose lease expired (a replica
 * crashed or paused), drives them with a fenced {@link PostgresCampaignStore} and a shared budget, and
 * resumes from the journal what another replica started (the runner's resume protocol: intents are
 * looked up before anything is created again). See docs/replicas.md.
 *
 * @example
 * const worker = createCampaignWorker({ pool, adapters: { v5: createV5Adapter(settings) }, concurrency: 4 });
 * process.on('SIGTERM', () => void worker.stop());
 */
export function createCampaignWorker(options: CampaignWorkerOptions): CampaignWorker {
  const { pool } = options;
  const concurrency = options.concurrency ?? 4;
  const ttlMs = options.leaseTtlMs ?? 30_000;
  const pollMs = options.pollIntervalMs ?? 1_000;
  const workerId =
    options.workerId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const budgets = new Map<string, CallBudgetPort>(Object.entries(options.budgets ?? {}));
  const driving = new Map<string, Driving>();
  let stopping = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const budgetOf = (name: string, adapter: AdapterV1): CallBudgetPort => {
    let budget = budgets.get(name);
    if (budget === undefined) {
      const applicationKey = (adapter as { applicationKey?: string }).applicationKey;
      budget = new PostgresCallBudget({
        pool,
        budgetKey: options.budgetKeys?.[name] ?? applicationKey ?? name,
        callsPerMinute: adapter.capabilities.rateLimitPerMinute ?? 100,
        windowMs: options.budgetWindowMs,
      });
      budgets.set(name, budget);
    }
    return budget;
  };

  /** The adapter with a guard: no create is sent unless the lease is certainly still ours. */
  const guarded = (adapter: AdapterV1, keeper: LeaseKeeper): AdapterV1 => {
    const wrapper = Object.create(adapter) as AdapterV1;
    Object.defineProperty(wrapper, 'doCreateTask', {
      value: async (...args: Parameters<AdapterV1['doCreateTask']>) => {
        if (!(await keeper.confirm()))
          // Ambiguous on purpose: the runner then never records the task as refused.
          throw new PlatformError({
            kind: 'network',
            message: `lease of campaign "${keeper.lease.campaignId}" lost: create not sent`,
          });
        return adapter.doCreateTask(...args);
      },
    });
    return wrapper;
  };

  const drive = (lease: ClaimedCampaign, claimedAt: number) => {
    const controller = new AbortController();
    const entry: Driving = {
      lease,
      controller,
      why: undefined,
      done: Promise.resolve(),
      keeper: undefined as never,
    };
    const stopWith = (why: Driving['why']) => {
      entry.why ??= why;
      controller.abort(new Error(`campaign worker: ${why}`));
    };
    entry.keeper = new LeaseKeeper(pool, lease, ttlMs, claimedAt, {
      lost: () => stopWith('lost'),
      stopRequested: () => stopWith('stop'),
    });
    if (lease.stopRequested) stopWith('stop');
    driving.set(lease.campaignId, entry);
    entry.done = (async () => {
      try {
        const report = await runOne(entry);
        if (entry.why === 'lost' || entry.keeper.lost) {
          options.onLeaseLost?.(lease.campaignId, lease.epoch);
          return;
        }
        entry.keeper.stop();
        if (entry.why === 'shutdown') await releaseLease(pool, lease);
        else await finishLease(pool, lease, entry.why === 'stop' ? 'stopped' : 'finished', report);
      } catch (error) {
        entry.keeper.stop();
        if (LeaseLostError.isInstance(error) || entry.keeper.lost) {
          options.onLeaseLost?.(lease.campaignId, lease.epoch);
          return;
        }
        options.onError?.(error);
        // A fleetcast error (a resume mismatch, an invalid campaign) will not go away: the campaign ends
        // with it. Anything else (the database went away mid-run) is left for a retry by any replica.
        if (FleetcastError.isInstance(error) && !(error instanceof PlatformError))
          await finishLease(pool, lease, 'finished', {
            error: { code: (error as FleetcastError).code, message: (error as Error).message },
          }).catch(() => undefined);
        else await releaseLease(pool, lease).catch(() => undefined);
      } finally {
        driving.delete(lease.campaignId);
        if (!stopping) schedule(0);
      }
    })();
  };

  const runOne = async (entry: Driving): Promise<CampaignReport> => {
    const { lease } = entry;
    const store = new PostgresCampaignStore({ pool });
    store.fence(lease.campaignId, lease.epoch);
    let first: unknown;
    for await (const record of store.read(lease.campaignId)) {
      first = record;
      break;
    }
    const adapterName = lease.adapter ?? (first as { adapter?: string } | undefined)?.adapter ?? '';
    const adapter = options.adapters[adapterName];
    if (adapter === undefined)
      throw new FleetcastError(
        'FLEETCAST_ADAPTER_UNKNOWN',
        `adapter: campaign "${lease.campaignId}" runs on "${adapterName}", which this worker does not have (it has ${Object.keys(options.adapters).join(', ') || 'none'})`,
      );
    const runOptions: ResumeCampaignOptions = {
      ...options.runOptions,
      ...(lease.runOptions as Partial<ResumeCampaignOptions>),
      adapter: guarded(adapter, entry.keeper),
      store,
      budget: budgetOf(adapterName, adapter),
      signal: entry.controller.signal,
    };
    const run =
      first === undefined
        ? runCampaign(lease.campaign as Campaign, { ...runOptions, campaignId: lease.campaignId })
        : resumeCampaign(lease.campaignId, runOptions);
    options.onRun?.(run, lease);
    return run.result;
  };

  let ticking = false;
  let again = false;
  /** The claim loop under way, if any: `stop` waits for it, so a claim answered late is released first. */
  let claiming: Promise<void> | undefined;
  const tick = async () => {
    timer = undefined;
    if (stopping) return;
    // One claim loop at a time, so the worker never holds more than `concurrency` campaigns.
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    try {
      while (driving.size < concurrency && !stopping) {
        const claimedAt = performance.now();
        const lease = await claimCampaign(pool, workerId, ttlMs);
        if (lease === undefined || stopping) {
          if (lease !== undefined) await releaseLease(pool, lease);
          break;
        }
        drive(lease, claimedAt);
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      ticking = false;
    }
    schedule(again ? 0 : pollMs);
    again = false;
  };

  const schedule = (ms: number) => {
    if (stopping) return;
    if (timer !== undefined) {
      if (ms > 0) return;
      clearTimeout(timer);
    }
    timer = setTimeout(() => {
      claiming = tick();
    }, ms);
  };

  schedule(0);

  return {
    workerId,
    held: () => [...driving.keys()],
    async stop() {
      stopping = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      // A claim sent before `stopping` was set may still be answered: let the loop see `stopping` and release
      // what it got before this worker's campaigns are released (else that late claim takes an epoch after them).
      await claiming;
      const entries = [...driving.values()];
      for (const entry of entries) {
        entry.why ??= 'shutdown';
        entry.controller.abort(new Error('campaign worker: shutdown'));
      }
      await Promise.all(entries.map((entry) => entry.done));
    },
  };
}
