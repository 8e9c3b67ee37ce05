import type { AdapterV1 } from '../adapter/v1/adapter-v1.js';
import { CallBudget } from './call-budget.js';
import type { CallBudgetPort } from './call-budget-port.js';
import type { RunnerClock } from './runner-clock.js';

const budgets = new WeakMap<AdapterV1, CallBudget>();

/**
 * The budget of an adapter object: one per adapter, so that concurrent runs and operations on it (a run,
 * `campaignResults`, `stopCampaign`) share the platform's calls per minute. `given` wins when passed.
 */
export function adapterBudget(
  adapter: AdapterV1,
  given?: CallBudgetPort,
  clock?: RunnerClock,
): CallBudgetPort {
  if (given !== undefined) return given;
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
