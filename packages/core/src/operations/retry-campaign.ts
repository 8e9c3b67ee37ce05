import type { BatchActionResultV1 } from '../adapter/v1/adapter-v1.js';
import { PlatformError } from '../errors/platform-error.js';
import { adapterBudget } from '../runner/adapter-budget.js';
import type { CampaignRun } from '../runner/campaign-run.js';
import type { TaskRecord } from '../runner/campaign-state.js';
import { readCampaignJournal } from '../runner/read-campaign-journal.js';
import { resumeCampaign } from '../runner/resume-campaign.js';
import { resolveRetryPolicy } from '../runner/retry-policy.js';
import type { ResumeCampaignOptions } from '../runner/run-campaign-options.js';
import { systemClock } from '../runner/runner-clock.js';
import { RunnerOptionError } from '../errors/runner-option-error.js';
import { requireInteger } from '../runner/require-option.js';
import { campaignResults } from './campaign-results.js';
import { CampaignOperationError } from '../errors/campaign-operation-error.js';
import { operationCall } from '../runner/operation-call.js';
import { retryTaskName } from './retry-task-name.js';

/** Most device IDs in one platform retry call (v5 reference B4). */
export const maxRetryBatch = 100;

/** Options of {@link retryCampaign}: those of `resumeCampaign` (the retry runs as a resume) plus what to retry. */
export interface RetryCampaignOptions extends ResumeCampaignOptions {
  store: NonNullable<ResumeCampaignOptions['store']>;
  /**
   * `createFailed`: create again the tasks the platform refused (after fixing the cause), same names, under
   * the exactly-once protocol. `failedDevices`: retry the devices whose subtask failed or timed out.
   */
  what: 'createFailed' | 'failedDevices';
  /** Retries per device over the campaign's life (platform retries and retry tasks together). Default 1. */
  maxRetries?: number;
}

/** What {@link retryCampaign} decided before the run started. */
export interface RetryCampaignResult {
  campaignId: string;
  what: 'createFailed' | 'failedDevices';
  /** Refused tasks to be created again. */
  reopened: { index: number; name: string }[];
  /** Devices retried by the platform's retry call, per task, with what it refused. */
  platformRetried: {
    index: number;
    name: string;
    taskId: string;
    devices: number;
    failures: BatchActionResultV1['failures'];
    error?: { code: string; message: string };
  }[];
  /** New tasks of failed devices, where the platform has no retry call for the task type. */
  retryTasks: { index: number; name: string; retryOf: number; devices: number }[];
  /** Failed devices not retried because they had `maxRetries` retries already. */
  exhausted: number;
  /** The run that creates the reopened or retry tasks and follows every task to its end (a resume). */
  run: CampaignRun;
}

/**
 * Retries what failed in a campaign, bounded and never touching a device that succeeded:
 * - `createFailed`: each refused task is reopened (journaled) and created again under the same name; like
 *   an intent without outcome it is first looked up (or its duplicate refusal read as ours), so it is
 *   never created twice.
 * - `failedDevices`: the devices whose latest subtask failed or timed out (read with `campaignResults`),
 *   at most `maxRetries` retries each: through the platform's retry call where it exists for the task type
 *   (`doRetryTask`, at most 100 IDs per call, each batch journaled before it is sent), otherwise in new
 *   tasks of just those devices named `<task>_r<n>` (journaled with their devices, part of the campaign).
 * Then the campaign is resumed: `run` creates the tasks and follows everything to the end, so status,
 * results and a later resume see the retries. Throws `CampaignOperationError` for a stopped campaign.
 *
 * @example
 * const retry = await retryCampaign('fw_2026_11', { adapter, store, what: 'failedDevices' });
 * const report = await retry.run.result;
 */
export async function retryCampaign(
  campaignId: string,
  options: RetryCampaignOptions,
): Promise<RetryCampaignResult> {
  if (options?.what !== 'createFailed' && options?.what !== 'failedDevices')
    throw new RunnerOptionError('what', options?.what, "'createFailed' or 'failedDevices'");
  const maxRetries = requireInteger('maxRetries', options.maxRetries ?? 1, 0, 100);
  const { adapter, store } = options;
  const clock = options.clock ?? systemClock;
  const { started, state } = await readCampaignJournal(store, campaignId);
  if (state.stop !== undefined) {
    throw new CampaignOperationError(
      'FLEETCAST_CAMPAIGN_STOPPED',
      campaignId,
      `campaign "${campaignId}" was stopped (${state.stop.mode}); a retry would create tasks again`,
    );
  }
  const result: Omit<RetryCampaignResult, 'run'> = {
    campaignId,
    what: options.what,
    reopened: [],
    platformRetried: [],
    retryTasks: [],
    exhausted: 0,
  };
  const tasks = [...state.tasks.values()].sort((a, b) => a.index - b.index);

  if (options.what === 'createFailed') {
    for (const task of tasks) {
      if (task.state !== 'createFailed') continue;
      await store.append(campaignId, {
        type: 'task-reopened',
        index: task.index,
        name: task.name,
        at: Date.now(),
      });
      result.reopened.push({ index: task.index, name: task.name });
    }
  } else {
    if (!state.planComplete) {
      throw new CampaignOperationError(
        'FLEETCAST_PLAN_INCOMPLETE',
        campaignId,
        `campaign "${campaignId}" was never planned to its end; resume it before retrying devices`,
      );
    }
    const byTask = new Map<number, { failed: string[]; timedOut: string[] }>();
    for await (const device of campaignResults(campaignId, {
      ...options,
      adapter,
      store,
      states: ['failed', 'timedOut'],
    })) {
      if ((state.deviceRetries.get(device.deviceId) ?? 0) >= maxRetries) {
        result.exhausted += 1;
        continue;
      }
      let entry = byTask.get(device.index);
      if (entry === undefined) {
        entry = { failed: [], timedOut: [] };
        byTask.set(device.index, entry);
      }
      (device.state === 'failed' ? entry.failed : entry.timedOut).push(device.deviceId);
    }
    const retryable = adapter.capabilities.taskActions?.retry ?? [];
    const platformRetry =
      adapter.doRetryTask !== undefined && retryable.includes(started.campaign.operation.type)
        ? adapter.doRetryTask
        : undefined;
    const context = {
      budget: adapterBudget(adapter, options.budget, options.clock),
      retry: resolveRetryPolicy(options.retry),
      clock,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    };
    let nextIndex = Math.max(state.planned, ...tasks.map((task) => task.index + 1));
    const roundsOf = new Map<number, number>();
    for (const task of tasks) {
      if (task.retry === undefined) continue;
      const root = rootOf(state.tasks, task);
      roundsOf.set(root.index, Math.max(roundsOf.get(root.index) ?? 0, task.retry.round));
    }
    for (const [index, devices] of byTask) {
      const task = state.tasks.get(index) as TaskRecord;
      const deviceIds = [...devices.failed, ...devices.timedOut];
      if (platformRetry !== undefined && task.taskId !== undefined) {
        const entry: RetryCampaignResult['platformRetried'][number] = {
          index,
          name: task.name,
          taskId: task.taskId,
          devices: 0,
          failures: [],
        };
        result.platformRetried.push(entry);
        for (let start = 0; start < deviceIds.length; start += maxRetryBatch) {
          const batch = deviceIds.slice(start, start + maxRetryBatch);
          // Journaled first: it counts against maxRetries even if the answer is lost.
          await store.append(campaignId, {
            type: 'devices-retry',
            index,
            taskId: task.taskId,
            deviceIds: batch,
            at: Date.now(),
          });
          entry.devices += batch.length;
          try {
            // Not repeated after an ambiguous failure: a second retry would be a second attempt.
            const answer = await operationCall(
              context,
              'create',
              () =>
                platformRetry.call(adapter, {
                  taskId: task.taskId as string,
                  deviceIds: batch,
                  ...(options.signal ? { signal: options.signal } : {}),
                  meter: context.budget,
                }),
              false,
            );
            entry.failures.push(...(answer?.failures ?? []));
          } catch (error) {
            if (!PlatformError.isInstance(error) || error.kind === 'auth') throw error;
            entry.error = { code: error.platformCode ?? error.code, message: error.message };
            break;
          }
        }
        continue;
      }
      // No retry call for this task type: new tasks of just these devices, named after the original task.
      const root = rootOf(state.tasks, task);
      const max = adapter.capabilities.maxTargetsPerTask;
      for (let start = 0; start < deviceIds.length; start += max) {
        const chunk = deviceIds.slice(start, start + max);
        const round = (roundsOf.get(root.index) ?? 0) + 1;
        roundsOf.set(root.index, round);
        const name = retryTaskName(root.name, round, adapter.capabilities.taskNameRule);
        const inChunk = new Set(chunk);
        await store.append(campaignId, {
          type: 'retry-task-planned',
          index: nextIndex,
          name,
          retryOf: index,
          round,
          deviceIds: chunk,
          from: {
            failed: devices.failed.filter((id) => inChunk.has(id)).length,
            timedOut: devices.timedOut.filter((id) => inChunk.has(id)).length,
          },
          at: Date.now(),
        });
        result.retryTasks.push({ index: nextIndex, name, retryOf: index, devices: chunk.length });
        nextIndex += 1;
      }
    }
  }
  const run = resumeCampaign(campaignId, options);
  const platformRetried = result.platformRetried.reduce((sum, entry) => sum + entry.devices, 0);
  const inNewTasks = result.retryTasks.reduce((sum, entry) => sum + entry.devices, 0);
  // After the caller's continuation (it attaches its listeners once this promise resolves).
  setImmediate(() =>
    (run.emit as (name: string, event: unknown) => boolean)('retry-started', {
      campaignId,
      at: clock.now(),
      what: options.what,
      tasks: result.reopened.length + result.retryTasks.length,
      platformRetried,
      inNewTasks,
    }),
  );
  return { ...result, run };
}

/** The planned task a retry task (or a chain of them) goes back to. */
function rootOf(tasks: ReadonlyMap<number, TaskRecord>, task: TaskRecord): TaskRecord {
  let current = task;
  while (current.retry !== undefined) {
    const parent = tasks.get(current.retry.retryOf);
    if (parent === undefined) break;
    current = parent;
  }
  return current;
}
