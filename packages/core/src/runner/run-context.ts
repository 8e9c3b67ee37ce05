import type { AdapterV1 } from '../adapter/v1/adapter-v1.js';
import type { Campaign } from '../campaign/campaign.js';
import type { CallBudgetPort } from './call-budget-port.js';
import type { CampaignEvents } from './campaign-events.js';
import type { CampaignState } from './campaign-state.js';
import type { CampaignStore } from './campaign-store.js';
import type { JournalRecord } from './journal-record.js';
import type { ResolvedRetryPolicy } from './retry-policy.js';
import type { RunnerClock } from './runner-clock.js';

/** Payload of event `name`, without the fields every event gets. */
export type EventPayload<Name extends keyof CampaignEvents> = Omit<
  Parameters<CampaignEvents[Name]>[0],
  'campaignId' | 'at'
>;

/** Everything the parts of one run share. Internal to the runner. */
export interface RunContext {
  readonly campaignId: string;
  readonly campaign: Campaign;
  readonly adapter: AdapterV1;
  readonly store: CampaignStore;
  readonly budget: CallBudgetPort;
  readonly clock: RunnerClock;
  readonly retry: ResolvedRetryPolicy;
  /** Least run-clock time between an ambiguous create and the look-up that decides it (docs/runner.md, "Exactly once"). */
  readonly ambiguousSettleMs: number;
  readonly state: CampaignState;
  /** Aborted when the run must stop creating and polling: the caller's signal, or `onTaskError: 'abort'`. */
  readonly stopSignal: AbortSignal;
  readonly stats: { throttles: number; retries: number };
  emit<Name extends keyof CampaignEvents>(name: Name, payload: EventPayload<Name>): void;
  /** Appends to the journal; the record's `at` is replaced by the wall clock (epoch ms), whatever was given. */
  journal(record: JournalRecord): Promise<void>;
  /** A task ended badly; applies `onTaskError`. */
  taskErrored(): void;
  /**
   * A failure that every further call would meet too (authentication refused): ends the run at once with
   * `status: 'failed'`. Nothing is journaled against the task that met it, so a resume creates it.
   */
  platformFailed(error: unknown): void;
}

/** Sleeps on the run's clock; resolves early (without throwing) when the run stops. Returns false if it stopped. */
export async function pause(context: RunContext, ms: number): Promise<boolean> {
  if (context.stopSignal.aborted) return false;
  try {
    await context.clock.sleep(ms, context.stopSignal);
    return true;
  } catch {
    return false;
  }
}

/** Sleeps until `ms` passed, the run's state changed, or the run stopped; cancels its timer either way. */
export async function pauseUntilChange(context: RunContext, ms: number): Promise<void> {
  if (context.stopSignal.aborted) return;
  const local = new AbortController();
  const signal = AbortSignal.any([context.stopSignal, local.signal]);
  const changed = context.state.changed().then(() => local.abort());
  try {
    await (ms === Number.POSITIVE_INFINITY
      ? new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
      : context.clock.sleep(ms, signal));
  } catch {
    // Woken by a change or a stop.
  } finally {
    local.abort();
    void changed;
  }
}
