import type { AdapterV1 } from '../adapter/v1/adapter-v1.js';
import type { DeviceDirectory } from '../directory/device-directory.js';
import { planStream } from '../planner/plan-stream.js';
import type { RulesPlanOptions } from '../planner/expand-rules-target.js';
import { adapterBudget } from '../runner/adapter-budget.js';
import type { CallBudgetPort } from '../runner/call-budget-port.js';
import type { TaskRecord } from '../runner/campaign-state.js';
import type { CampaignStore } from '../runner/campaign-store.js';
import { planningDirectory } from '../runner/planning-directory.js';
import { readCampaignJournal } from '../runner/read-campaign-journal.js';
import { type RetryPolicy, resolveRetryPolicy } from '../runner/retry-policy.js';
import { type RunnerClock, systemClock } from '../runner/runner-clock.js';
import { RunnerOptionError } from '../errors/runner-option-error.js';
import type { DeviceResult, DeviceResultState } from './device-result.js';
import { operationCall } from '../runner/operation-call.js';

/** Options of {@link campaignResults}. */
export interface CampaignResultsOptions {
  adapter: AdapterV1;
  store: CampaignStore;
  /** Only devices in these states (default all). Filtering is local: every page is still read. */
  states?: readonly DeviceResultState[];
  signal?: AbortSignal;
  /** The call budget (default: the adapter's own, shared with runs on the same adapter object). */
  budget?: CallBudgetPort;
  retry?: RetryPolicy;
  clock?: RunnerClock;
  /**
   * Where the devices of tasks never created are found (the plan is streamed again for them, as by
   * resume): as for `runCampaign`. Not needed for device lists or when every task was created.
   */
  directory?: DeviceDirectory;
  rules?: RulesPlanOptions;
  /** Subtasks per page (default: the adapter's largest, v5 50). */
  pageSize?: number;
  /** Called after every page, for a progress display. */
  onProgress?: (progress: CampaignResultsProgress) => void;
}

/** How far {@link campaignResults} got. */
export interface CampaignResultsProgress {
  /** Tasks whose subtasks are read to the end, of those with a platform ID. */
  tasksRead: number;
  tasks: number;
  /** Device records yielded so far. */
  devices: number;
  /** Subtask pages read (each one platform call). */
  pages: number;
}

/**
 * One record per targeted device of a campaign, its latest outcome: the subtasks of every created task
 * read page by page with the adapter's `doListTaskDevices`, every page a platform call drawn from the call
 * budget; devices of tasks the platform refused or was never sent from the plan (streamed again, no
 * device ID is journaled) as `createFailed` / `notCreated`. A device retried by a retry task appears once,
 * with the retry's outcome and its `attempts`. Native-selector tasks yield the devices the platform
 * reports. Records are streamed: memory stays flat however large the campaign.
 *
 * @example
 * for await (const device of campaignResults('fw_2026_11', { adapter, store, states: ['failed', 'timedOut'] }))
 *   console.log(device.deviceId, device.error?.code);
 */
export async function* campaignResults(
  campaignId: string,
  options: CampaignResultsOptions,
): AsyncGenerator<DeviceResult> {
  const { adapter } = options;
  const list = adapter?.doListTaskDevices;
  if (list === undefined) {
    throw new RunnerOptionError('adapter', adapter?.name, 'an adapter with doListTaskDevices');
  }
  const { started, state } = await readCampaignJournal(options.store, campaignId);
  if (started.adapter !== adapter.name) {
    throw new RunnerOptionError('adapter', adapter.name, `the campaign's adapter "${started.adapter}"`);
  }
  const context = {
    budget: adapterBudget(adapter, options.budget, options.clock),
    retry: resolveRetryPolicy(options.retry),
    clock: options.clock ?? systemClock,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const wanted = options.states === undefined ? undefined : new Set(options.states);
  const tasks = [...state.tasks.values()].sort((a, b) => a.index - b.index);
  // A device given a retry task: its latest attempt is there (when that task exists), not in earlier tasks.
  const latestTask = new Map<string, number>();
  for (const task of tasks) {
    if (task.retry === undefined || task.taskId === undefined) continue;
    for (const deviceId of task.retry.deviceIds) latestTask.set(deviceId, task.index);
  }
  const waveOf = (task: TaskRecord) =>
    task.wave ?? (task.retry ? state.tasks.get(task.retry.retryOf)?.wave : undefined);
  const attemptsOf = (deviceId: string) => 1 + (state.deviceRetries.get(deviceId) ?? 0);
  const readable = tasks.filter((task) => task.taskId !== undefined);
  const progress: CampaignResultsProgress = { tasksRead: 0, tasks: readable.length, devices: 0, pages: 0 };

  for (const task of readable) {
    const taskId = task.taskId as string;
    const wave = waveOf(task);
    let cursor: string | undefined;
    do {
      const page = await operationCall(
        context,
        'poll',
        () =>
          list.call(adapter, {
            taskId,
            ...(cursor === undefined ? {} : { cursor }),
            ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
            ...(options.signal === undefined ? {} : { signal: options.signal }),
            meter: context.budget,
          }),
        true,
      );
      const seenAt = Date.now();
      progress.pages += 1;
      for (const item of page.items) {
        const latest = latestTask.get(item.deviceId);
        if (latest !== undefined && latest > task.index) continue;
        if (wanted !== undefined && !wanted.has(item.state)) continue;
        progress.devices += 1;
        yield {
          deviceId: item.deviceId,
          index: task.index,
          name: task.name,
          taskId,
          ...(wave === undefined ? {} : { wave }),
          state: item.state,
          ...(item.error === undefined ? {} : { error: { ...item.error } }),
          lastSeenAt: seenAt,
          attempts: attemptsOf(item.deviceId),
        };
      }
      cursor = page.nextCursor;
      if (cursor === undefined) progress.tasksRead += 1;
      options.onProgress?.({ ...progress });
    } while (cursor !== undefined);
  }

  // Planned tasks not on the platform (refused, never sent, or created without an ID): their devices are in the plan.
  const offPlatform = new Map(
    tasks
      .filter((task) => task.retry === undefined && task.taskId === undefined && task.kind !== 'native')
      .map((task) => [task.index, task]),
  );
  const planTasksMissing =
    !state.planComplete ||
    state.planned > [...state.tasks.values()].filter((task) => task.retry === undefined).length;
  if (offPlatform.size === 0 && !planTasksMissing) return;
  if (
    wanted !== undefined &&
    !['createFailed', 'notCreated', 'unknown'].some((value) => wanted.has(value as DeviceResultState))
  )
    return;
  const signal = options.signal ?? new AbortController().signal;
  for await (const plan of planStream(started.campaign, {
    adapter,
    directory: planningDirectory(adapter, options.directory, context.budget, signal),
    signal,
    ...(options.rules === undefined ? {} : { rules: options.rules }),
  })) {
    if (plan.kind !== 'explicit') continue;
    const task = state.tasks.get(plan.index);
    if (task !== undefined && !offPlatform.has(plan.index)) continue;
    // An intent without an outcome may have created the task: unknown until a resume settles it.
    const deviceState: DeviceResultState =
      task === undefined || (task.state === 'notCreated' && task.intents === 0)
        ? 'notCreated'
        : task.state === 'createFailed'
          ? 'createFailed'
          : 'unknown';
    if (wanted !== undefined && !wanted.has(deviceState)) continue;
    for (const deviceId of plan.deviceIds) {
      progress.devices += 1;
      yield {
        deviceId,
        index: plan.index,
        name: plan.name,
        ...(plan.wave === undefined ? {} : { wave: plan.wave }),
        state: deviceState,
        ...(task?.error === undefined
          ? {}
          : { error: { code: task.error.code, message: task.error.message } }),
        lastSeenAt: started.at,
        attempts: attemptsOf(deviceId),
      };
    }
  }
}
