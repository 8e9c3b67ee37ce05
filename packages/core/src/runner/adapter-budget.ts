import type { AdapterV1 } from '../adapter/v1/adapter-v1.js';
import { CallBudget } from './call-budget.js';
import type { CallBudgetPort } from './call-budget-port.js';
import { type RunnerClock, systemClock } from './runner-clock.js';

const budgets = new WeakMap<AdapterV1, CallBudget>();
/**
 * Budgets by application key, per clock (a virtual test clock must not share a budget with the real one).
 * Few entries: one per platform application a process talks to.
 */
const sharedBudgets = new WeakMap<RunnerClock, Map<string, CallBudget>>();

/**
 * The budget of an adapter: one per platform application (`adapter.applicationKey`, the endpoint and project
 * or app ID) in this process, so that separate adapter objects for one application, say one per request,
 * cannot overrun its calls per minute together; one per adapter object when the adapter has no key
 * (`shareBudget: false`). Concurrent runs and operations on it (a run, `campaignResults`, `stopCampaign`)
 * share it. The first adapter of an application sizes it. `given` wins when passed (e.g. a budget shared
 * across processes).
 */
export function adapterBudget(
  adapter: AdapterV1,
  given?: CallBudgetPort,
  clock?: RunnerClock,
): CallBudgetPort {
  if (given !== undefined) return given;
  const key = adapter.applicationKey;
  if (typeof key === 'string' && key !== '') {
    const byClock = clock ?? systemClock;
    let byKey = sharedBudgets.get(byClock);
    if (byKey === undefined) {
      byKey = new Map();
      sharedBudgets.set(byClock, byKey);
    }
    let shared = byKey.get(key);
    if (shared === undefined) {
      shared = new CallBudget({
        callsPerMinute: adapter.capabilities.rateLimitPerMinute ?? 100,
        clock: byClock,
      });
      byKey.set(key, shared);
    }
    return shared;
  }
  let budget = budgets.get(adapter);
  if (budget === undefined) {
    budget = new CallBudget({
      callsPerMinute: adapter.capabilities.rateLimitPerMinute ?? 100,
      ...(clock === undefined ? {} : { clock }),
    });
    budgets.set(adapter, budget);
  }
  return budget;
}
