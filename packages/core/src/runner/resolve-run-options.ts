import { planStream } from '../planner/plan-stream.js';
import { RunnerOptionError } from '../errors/runner-option-error.js';
import { adapterBudget } from './adapter-budget.js';
import type { CallBudgetPort } from './call-budget-port.js';
import type { CampaignStore } from './campaign-store.js';
import { MemoryCampaignStore } from './memory-campaign-store.js';
import { requireInteger, requireNumber } from './require-option.js';
import { resolveRetryPolicy } from './retry-policy.js';
import type { PlanSource, ResumeCampaignOptions } from './run-campaign-options.js';
import { systemClock } from './runner-clock.js';
import type { ResolvedPollOptions } from './task-poller.js';

/** The budget of an adapter object: one per adapter, so concurrent runs on it share the platform's limit. */
function budgetOf(options: ResumeCampaignOptions): CallBudgetPort {
  return adapterBudget(options.adapter, options.budget, options.clock);
}

const defaultPlanSource: PlanSource = (campaign, options) => planStream(campaign, options);

/** Checked, defaulted options. Throws `RunnerOptionError` before anything runs. */
export function resolveRunOptions(options: ResumeCampaignOptions) {
  if (options?.adapter?.specificationVersion !== 'v1') {
    throw new RunnerOptionError(
      'adapter',
      options?.adapter?.specificationVersion,
      "an adapter with specificationVersion 'v1'",
    );
  }
  const onTaskError = options.onTaskError ?? 'continue';
  if (onTaskError !== 'continue' && onTaskError !== 'abort')
    throw new RunnerOptionError('onTaskError', onTaskError, "'continue' or 'abort'");
  const minIntervalMs = requireInteger(
    'poll.minIntervalMs',
    options.poll?.minIntervalMs ?? 2_000,
    1,
    3_600_000,
  );
  const poll: ResolvedPollOptions = {
    budgetShare: requireNumber('poll.budgetShare', options.poll?.budgetShare ?? 0.5, 0.05, 1),
    minIntervalMs,
    maxIntervalMs: requireInteger(
      'poll.maxIntervalMs',
      options.poll?.maxIntervalMs ?? 60_000,
      minIntervalMs,
      86_400_000,
    ),
  };
  const declared = options.adapter.capabilities.maxUnfinishedTasks;
  const maxUnfinished =
    typeof declared === 'number'
      ? declared
      : requireInteger('maxUnfinishedTasks', options.maxUnfinishedTasks ?? 10, 1, 1000);
  return {
    concurrency: requireInteger('concurrency', options.concurrency ?? 2, 1, 16),
    retry: resolveRetryPolicy(options.retry),
    ambiguousSettleMs: requireInteger('ambiguousSettleMs', options.ambiguousSettleMs ?? 30_000, 0, 3_600_000),
    poll,
    onTaskError,
    maxUnfinished: requireInteger('adapter.capabilities.maxUnfinishedTasks', maxUnfinished, 1, 100_000),
    taskDurationMs:
      options.taskDurationMs === undefined
        ? undefined
        : requireNumber('taskDurationMs', options.taskDurationMs, 0, 2 ** 40),
    clock: options.clock ?? systemClock,
    budget: budgetOf(options),
    store: (options.store ?? new MemoryCampaignStore()) as CampaignStore,
    plan: options.plan ?? defaultPlanSource,
  };
}

/** {@link resolveRunOptions}' result: what the executor runs with. */
export type ResolvedRunOptions = ReturnType<typeof resolveRunOptions>;
