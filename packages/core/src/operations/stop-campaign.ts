import type { AdapterV1, BatchActionResultV1 } from '../adapter/v1/adapter-v1.js';
import { PlatformError } from '../errors/platform-error.js';
import { activeRun } from '../runner/active-runs.js';
import { adapterBudget } from '../runner/adapter-budget.js';
import type { CallBudgetPort } from '../runner/call-budget-port.js';
import type { CampaignStore } from '../runner/campaign-store.js';
import { readCampaignJournal } from '../runner/read-campaign-journal.js';
import { type RetryPolicy, resolveRetryPolicy } from '../runner/retry-policy.js';
import { type RunnerClock, systemClock } from '../runner/runner-clock.js';
import { RunnerOptionError } from '../errors/runner-option-error.js';
import { operationCall } from '../runner/operation-call.js';

/** Options of {@link stopCampaign}. */
export interface StopCampaignOptions {
  store: CampaignStore;
  /** Needed for `mode: 'force'` (the platform is asked); a soft stop makes no platform call. */
  adapter?: AdapterV1;
  /** `soft`: create nothing more; `force`: also stop the created tasks' unfinished devices on the platform. */
  mode: 'soft' | 'force';
  budget?: CallBudgetPort;
  retry?: RetryPolicy;
  clock?: RunnerClock;
  signal?: AbortSignal;
}

/** What a force stop did to one created task. */
export interface TaskStopOutcome {
  index: number;
  name: string;
  taskId: string;
  /**
   * `stopped`: the platform accepted the stop (its refused devices in `failures`); `refused`: it refused the
   * whole call (`error`: a finished task, a state that takes no stop); `unsupported`: the platform has no stop
   * call for this task type (legacy: none at all), so the task runs to its end; `finished`: the journal shows
   * it finished, nothing to stop.
   */
  outcome: 'stopped' | 'refused' | 'unsupported' | 'finished';
  /** Devices the platform refused to stop, with its code and reason (at most 100 listed). */
  failures: BatchActionResultV1['failures'];
  refusedDevices: number;
  error?: { code: string; message: string };
}

/** What {@link stopCampaign} did. */
export interface StopCampaignResult {
  campaignId: string;
  mode: 'soft' | 'force';
  /** True when a run of the campaign under way in this process was stopped. */
  stoppedRun: boolean;
  /**
   * Planned tasks that will not be created now (not settled when the stop was journaled); absent when the
   * plan was never read to its end (its size is not journaled then).
   */
  tasksNotCreated?: number;
  /** Per created task, for `force` (empty for `soft`). */
  tasks: TaskStopOutcome[];
  /** Platform calls made. */
  calls: number;
}

const listedFailures = 100;

/**
 * Stops a campaign. A `campaign-stop` record is journaled first, so that no later `resumeCampaign` creates
 * anything; a run of it under way in this process (same store object) stops creating at once (status
 * `stopped`, creates under way answered and journaled). `force` then asks the platform to stop every created
 * task that the journal does not show finished (one call per task for every eligible device; v5 refuses tasks
 * other than upgrades and finished ones) and reports per task what it refused. Where the platform has no stop
 * call the task is reported `unsupported`: nothing claims a stop that did not happen.
 *
 * @example
 * const result = await stopCampaign('fw_2026_11', { store, adapter, mode: 'force' });
 * for (const task of result.tasks) console.log(task.name, task.outcome, task.refusedDevices);
 */
export async function stopCampaign(
  campaignId: string,
  options: StopCampaignOptions,
): Promise<StopCampaignResult> {
  if (options?.mode !== 'soft' && options?.mode !== 'force')
    throw new RunnerOptionError('mode', options?.mode, "'soft' or 'force'");
  if (options.mode === 'force' && options.adapter?.specificationVersion !== 'v1')
    throw new RunnerOptionError(
      'adapter',
      options.adapter,
      "an adapter with specificationVersion 'v1' (mode 'force')",
    );
  const { store, mode } = options;
  const { started, state } = await readCampaignJournal(store, campaignId);
  const clock = options.clock ?? systemClock;
  await store.append(campaignId, { type: 'campaign-stop', mode, at: Date.now() });
  const run = activeRun(store, campaignId);
  run?.stop(mode);
  const settled = [...state.tasks.values()].filter((task) => task.retry === undefined && task.settled).length;
  const result: StopCampaignResult = {
    campaignId,
    mode,
    stoppedRun: run !== undefined,
    ...(state.planComplete ? { tasksNotCreated: Math.max(0, state.planned - settled) } : {}),
    tasks: [],
    calls: 0,
  };
  if (mode === 'soft') return result;

  const adapter = options.adapter as AdapterV1;
  const context = {
    budget: adapterBudget(adapter, options.budget, options.clock),
    retry: resolveRetryPolicy(options.retry),
    clock,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const stoppable = adapter.capabilities.taskActions?.stop ?? [];
  const supported = adapter.doStopTask !== undefined && stoppable.includes(started.campaign.operation.type);
  for (const task of [...state.tasks.values()].sort((a, b) => a.index - b.index)) {
    if (task.taskId === undefined || task.created !== true) continue;
    const base = { index: task.index, name: task.name, taskId: task.taskId };
    if (task.terminal) {
      result.tasks.push({ ...base, outcome: 'finished', failures: [], refusedDevices: 0 });
      continue;
    }
    if (!supported) {
      result.tasks.push({
        ...base,
        outcome: 'unsupported',
        failures: [],
        refusedDevices: 0,
        error: {
          code: 'FLEETCAST_STOP_UNSUPPORTED',
          message:
            stoppable.length === 0
              ? `adapter "${adapter.name}" has no stop call: the task runs to its end on the platform`
              : `adapter "${adapter.name}" stops only ${stoppable.join(', ')} tasks, not ${started.campaign.operation.type}: the task runs to its end`,
        },
      });
      continue;
    }
    const stopTask = adapter.doStopTask as NonNullable<AdapterV1['doStopTask']>;
    let outcome: TaskStopOutcome;
    try {
      result.calls += 1;
      // Stopping twice is harmless (the platform refuses devices already stopped), so it may be repeated.
      const answer = await operationCall(
        context,
        'create',
        () =>
          stopTask.call(adapter, {
            taskId: task.taskId as string,
            ...(options.signal ? { signal: options.signal } : {}),
            meter: context.budget,
          }),
        true,
      );
      const failures = answer?.failures ?? [];
      outcome = {
        ...base,
        outcome: 'stopped',
        failures: failures.slice(0, listedFailures),
        refusedDevices: failures.length,
      };
    } catch (error) {
      if (!PlatformError.isInstance(error) || error.kind === 'auth' || error.retryable) throw error;
      outcome = {
        ...base,
        outcome: 'refused',
        failures: [],
        refusedDevices: 0,
        error: { code: error.platformCode ?? error.code, message: error.message },
      };
    }
    await store.append(campaignId, {
      type: 'task-stop',
      index: task.index,
      taskId: task.taskId,
      scope: 'task',
      outcome: outcome.outcome === 'refused' ? 'refused' : 'stopped',
      refused: outcome.refusedDevices,
      at: Date.now(),
    });
    result.tasks.push(outcome);
    run?.taskStopped(outcome);
  }
  return result;
}
