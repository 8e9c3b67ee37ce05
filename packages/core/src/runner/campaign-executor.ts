import pLimit from 'p-limit';
import type { MeteredCallKindV1 } from '../adapter/v1/metered-call-kind-v1.js';
import { minimumDuration, PlanSummaryBuilder } from '../planner/plan-summary.js';
import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';
import { PlanningError } from '../errors/planning-error.js';
import { RefusedDeviceTally } from '../planner/device-refusal.js';
import type { Campaign } from '../campaign/campaign.js';
import { registerActiveRun } from './active-runs.js';
import type { CampaignFailure } from './campaign-report.js';
import type { CampaignEvents } from './campaign-events.js';
import type { CampaignReport } from './campaign-report.js';
import type { CampaignRun } from './campaign-run.js';
import { CampaignState } from './campaign-state.js';
import { createTaskOnce, messageOf } from './create-task-once.js';
import { PlatformError } from '../errors/platform-error.js';
import { FleetcastError } from '../errors/fleetcast-error.js';
import { replayJournal } from './journal-replay.js';
import type { JournalRecord } from './journal-record.js';
import { countingDirectory } from './counting-directory.js';
import { createDirectoryMeter } from './directory-meter.js';
import { planningDirectory } from './planning-directory.js';
import { ResumeMismatchError } from '../errors/resume-mismatch-error.js';
import type { ResumeCampaignOptions } from './run-campaign-options.js';
import type { ResolvedRunOptions } from './resolve-run-options.js';
import { type EventPayload, pauseUntilChange, type RunContext } from './run-context.js';
import { pollTasks } from './task-poller.js';
import { UnevaluableTally } from './unevaluable-tally.js';
import { WaveController } from './wave-controller.js';

/** A planning failure that ends the run with a report (`status: 'failed'`) instead of rejecting it. */
function planningStopsRun(error: unknown): boolean {
  return (
    PlatformError.isInstance(error) ||
    (PlanningError.isInstance(error) && error.code === 'FLEETCAST_INVALID_DEVICE_RECORD')
  );
}

/** What `runCampaign` or `resumeCampaign` hands the executor. */
export interface ExecutionSetup {
  campaignId: string;
  campaign: Campaign;
  options: ResumeCampaignOptions;
  /** The options, checked and defaulted once by `runCampaign` or `resumeCampaign`. */
  resolved: ResolvedRunOptions;
  /** The journal read back, when resuming. */
  journal?: JournalRecord[];
}

/** Runs (or continues) one campaign to its report. */
export async function executeCampaign(run: CampaignRun, setup: ExecutionSetup): Promise<CampaignReport> {
  const { campaignId, campaign, options } = setup;
  const { resolved } = setup;
  const { clock, budget, store, retry } = resolved;
  const startedAt = clock.now();
  const callsBefore = budget.callsByKind;
  const stop = new AbortController();
  // The plan is read on after a platform-wide failure (creating nothing), so that the report lists every
  // task it never sent as notCreated; every other stop ends the reading too.
  const planStop = new AbortController();
  stop.signal.addEventListener('abort', () => {
    if (status !== 'failed') planStop.abort(stop.signal.reason);
  });
  let status: CampaignReport['status'] = 'completed';
  let platformFailure: CampaignFailure | undefined;
  // `status` changes inside callbacks, which TypeScript's narrowing cannot see.
  const hasFailed = () => platformFailure !== undefined;
  const wasCancelled = () => status === 'cancelled';
  const onCallerAbort = () => {
    if (status === 'completed') status = 'cancelled';
    stop.abort(options.signal?.reason);
    planStop.abort(options.signal?.reason);
  };
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const state = new CampaignState(resolved.maxUnfinished);
  if (setup.journal !== undefined) replayJournal(state, setup.journal, clock.now());
  // A journaled operator stop stands: this run creates nothing and only follows what exists.
  if (state.stop !== undefined) status = 'stopped';
  const forgetRun = registerActiveRun(store, campaignId, {
    stop(mode) {
      if (status === 'completed' || status === 'paused' || status === 'aborted') status = 'stopped';
      state.stop = { mode, at: Date.now() };
      context.emit('campaign-stopping', { mode });
      stop.abort();
    },
    taskStopped(outcome) {
      if (outcome.outcome === 'finished') return;
      context.emit('task-stopped', {
        index: outcome.index,
        name: outcome.name,
        taskId: outcome.taskId,
        outcome: outcome.outcome,
        refusedDevices: outcome.refusedDevices,
        ...(outcome.error === undefined ? {} : { message: outcome.error.message }),
      });
    },
  });
  const createdAt = new Map<number, number>();
  const durations: number[] = [];
  let progressQueued = false;

  const context: RunContext = {
    campaignId,
    campaign,
    adapter: options.adapter,
    store,
    budget,
    clock,
    retry,
    ambiguousSettleMs: resolved.ambiguousSettleMs,
    state,
    stopSignal: stop.signal,
    stats: { throttles: 0, retries: 0 },
    emit<Name extends keyof CampaignEvents>(name: Name, payload: EventPayload<Name>) {
      if (name === 'task-created')
        createdAt.set((payload as EventPayload<'task-created'>).index, clock.now());
      if (name === 'task-progress') {
        const event = payload as EventPayload<'task-progress'>;
        const began = createdAt.get(event.index);
        if (event.terminal && began !== undefined) durations.push(clock.now() - began);
      }
      const event = { campaignId, at: clock.now(), ...payload } as Parameters<CampaignEvents[Name]>[0];
      try {
        (run.emit as (name: Name, event: unknown) => boolean)(name, event);
      } catch (error) {
        // A listener's bug must not corrupt the run's bookkeeping; surface it outside.
        queueMicrotask(() => {
          throw error;
        });
      }
      if (name !== 'campaign-progress' && name !== 'campaign-finished') queueProgress();
    },
    // Journal times are wall-clock epoch milliseconds on every record, whatever the run's clock: a journal
    // outlives the process (and its `performance.now()` origin) and is read by people and other processes.
    journal: (record) => store.append(campaignId, { ...record, at: Date.now() }),
    taskErrored() {
      if (resolved.onTaskError === 'abort' && status === 'completed') {
        status = 'aborted';
        stop.abort();
      }
    },
    platformFailed(error) {
      if (status !== 'completed' && status !== 'aborted') return;
      status = 'failed';
      platformFailure = {
        code: FleetcastError.isInstance(error) ? error.code : 'FLEETCAST_PLATFORM_FAILURE',
        ...(PlatformError.isInstance(error) ? { kind: error.kind } : {}),
        message: messageOf(error),
      };
      stop.abort();
    },
  };

  const apiCalls = () => {
    const now = budget.callsByKind;
    const create = now.create - callsBefore.create;
    const poll = now.poll - callsBefore.poll;
    const find = now.find - callsBefore.find;
    // Adapters' own requests (logins, look-ups, further pages) are listed only when there were some.
    const metered: Partial<Record<MeteredCallKindV1, number>> = {};
    for (const kind of ['auth', 'lookup', 'page'] as const) {
      const count = now[kind] - callsBefore[kind];
      if (count > 0) metered[kind] = count;
    }
    const extra = (metered.auth ?? 0) + (metered.lookup ?? 0) + (metered.page ?? 0);
    return { create, poll, find, ...metered, total: create + poll + find + extra };
  };
  const queueProgress = () => {
    if (progressQueued) return;
    progressQueued = true;
    queueMicrotask(() => {
      progressQueued = false;
      const tasks = [...state.tasks.values()];
      context.emit('campaign-progress', {
        tasksPlanned: state.planned,
        planComplete: state.planComplete,
        tasksCreated: tasks.filter((task) => task.created === true).length,
        tasksTerminal: tasks.filter((task) => task.terminal).length,
        tasksFailed: tasks.filter((task) => task.state === 'createFailed' || task.state === 'unknown').length,
        devices: state.totals(),
        apiCalls: apiCalls().total,
        throttles: context.stats.throttles,
        elapsedMs: clock.now() - startedAt,
      });
    });
  };

  if (setup.journal === undefined) {
    await store.append(campaignId, {
      type: 'campaign-started',
      journalVersion: 1,
      campaignId,
      campaign,
      adapter: options.adapter.name,
      at: Date.now(),
    });
  }

  const limit = pLimit(resolved.concurrency);
  const creates = new Set<Promise<void>>();
  const summary = new PlanSummaryBuilder();
  const unevaluable = new UnevaluableTally(options.rules?.onUnevaluable);
  const refused = new RefusedDeviceTally(options.onDeviceRefused);
  let creationDone = false;
  let failure: unknown;
  // A store that cannot write (disk full) must stop the run: going on would act on unjournaled state.
  const fail = (error: unknown) => {
    failure ??= error;
    stop.abort(error);
    planStop.abort(error);
  };
  const waves =
    campaign.rollout === undefined
      ? undefined
      : new WaveController(context, campaign.rollout, {
          settleCreates: async () => {
            while (creates.size > 0) await Promise.allSettled([...creates]);
          },
          halted(halt) {
            if (status !== 'completed') return;
            status = halt.action === 'abort' ? 'aborted' : 'paused';
            if (halt.action === 'pause') stop.abort();
          },
          ...(options.approve === undefined ? {} : { approve: options.approve }),
        });
  // An abort journaled by an earlier run stands: this run only watches what was created.
  if (waves?.halt?.action === 'abort') status = 'aborted';
  const poller = pollTasks(
    context,
    resolved.poll,
    () => creationDone,
    async () => {
      queueProgress();
      await waves?.checkAbort();
    },
  ).catch(fail);

  // Listing the platform's devices is planning's share of the budget: paced, repeated after throttles and
  // 5xx like any call, and shown as it goes (a 10 M-device listing takes minutes).
  const listing = { pages: 0, devices: 0, retries: 0 };
  const directoryMeter = createDirectoryMeter({
    budget,
    retry,
    clock,
    onRetry(repeat) {
      listing.retries += 1;
      context.stats.retries += 1;
      if (repeat.reason === 'throttled') context.stats.throttles += 1;
      context.emit('listing-retrying', repeat);
    },
    onRead() {
      listing.pages += 1;
      context.emit('listing-progress', { ...listing, elapsedMs: clock.now() - startedAt });
    },
  });
  const directory = planningDirectory(options.adapter, options.directory, directoryMeter, planStop.signal);

  try {
    let seen = 0;
    for await (const plan of resolved.plan(campaign, {
      adapter: options.adapter,
      directory:
        directory === undefined || directory === options.directory
          ? directory
          : countingDirectory(directory, (records) => {
              listing.devices += records;
              context.emit('listing-progress', { ...listing, elapsedMs: clock.now() - startedAt });
            }),
      signal: planStop.signal,
      rules: { ...options.rules, onUnevaluable: unevaluable.receive },
      ...(options.skipInvalidDevices === undefined ? {} : { skipInvalidDevices: options.skipInvalidDevices }),
      onDeviceRefused: refused.receive,
    })) {
      if (planStop.signal.aborted) break;
      // A new wave starts only after the previous one's creates are answered and its gate passed.
      const mayCreate =
        !stop.signal.aborted &&
        (waves === undefined || plan.wave === undefined || (await waves.enter(plan.wave)));
      if (planStop.signal.aborted) break;
      summary.add(plan);
      seen += 1;
      state.planned = Math.max(state.planned, plan.index + 1);
      const task = state.record(plan.index, plan.name);
      if (task.name !== plan.name) {
        throw new ResumeMismatchError(
          campaignId,
          `task ${plan.index} is now named "${plan.name}", the journal says "${task.name}"`,
        );
      }
      task.kind = plan.kind;
      if (plan.wave !== undefined) task.wave = plan.wave;
      if (plan.kind === 'explicit') task.targets = plan.deviceIds.length;
      if (task.settled || hasFailed() || state.stop !== undefined) continue;
      // After a rollout abort the rest of the plan is only counted (the report shows what was not created);
      // a create whose intent is journaled is still resolved, so nothing is left in doubt.
      if ((!mayCreate || waves?.creationHalted) && task.intents === 0) continue;
      // Hold no more plans than can be created now: at most one chunk of IDs waits here.
      while (
        !stop.signal.aborted &&
        (state.unfinished() >= state.workingLimit ||
          limit.activeCount + limit.pendingCount >= resolved.concurrency)
      ) {
        await pauseUntilChange(context, Number.POSITIVE_INFINITY);
      }
      if (stop.signal.aborted) {
        if (hasFailed()) continue;
        break;
      }
      if (waves?.creationHalted && task.intents === 0) continue;
      task.inCreation = true;
      const create = limit(() => createTaskOnce(context, task, plan).catch(fail)).finally(() => {
        task.inCreation = false;
        creates.delete(create);
        state.notify();
        queueProgress();
      });
      creates.add(create);
    }
    if (!planStop.signal.aborted) {
      if (state.planComplete && seen !== state.planned) {
        throw new ResumeMismatchError(
          campaignId,
          `the plan now has ${seen} tasks, the journal says ${state.planned}`,
        );
      }
      const figures = summary.build();
      if (!state.planComplete)
        await store.append(campaignId, { type: 'plan-complete', tasks: seen, at: Date.now() });
      state.planned = seen;
      state.planComplete = true;
      context.emit('plan-ready', {
        tasks: figures.tasks,
        explicitTasks: figures.explicitTasks,
        nativeTasks: figures.nativeTasks,
        explicitTargets: figures.targetsPerTask.total,
      });
      // Retry tasks (retryCampaign, failed devices where the platform has no retry call) are not in the
      // plan: their devices are journaled. Created under the same exactly-once protocol, after the plan.
      for (const task of [...state.tasks.values()].sort((a, b) => a.index - b.index)) {
        if (task.retry === undefined || task.settled || hasFailed()) continue;
        if (state.stop !== undefined) continue;
        while (
          !stop.signal.aborted &&
          (state.unfinished() >= state.workingLimit ||
            limit.activeCount + limit.pendingCount >= resolved.concurrency)
        ) {
          await pauseUntilChange(context, Number.POSITIVE_INFINITY);
        }
        if (stop.signal.aborted) break;
        const plan: TaskPlanV1 = {
          kind: 'explicit',
          index: task.index,
          name: task.name,
          deviceIds: [...task.retry.deviceIds],
          ...(task.wave === undefined ? {} : { wave: task.wave }),
        };
        task.inCreation = true;
        const create = limit(() => createTaskOnce(context, task, plan).catch(fail)).finally(() => {
          task.inCreation = false;
          creates.delete(create);
          state.notify();
          queueProgress();
        });
        creates.add(create);
      }
    }
  } catch (error) {
    // After a platform-wide failure the plan may need the platform too (directory pages): stop reading it.
    if (hasFailed() && PlatformError.isInstance(error)) {
      // Already failed: the report says why.
    } else if (wasCancelled() && (!FleetcastError.isInstance(error) || PlatformError.isInstance(error))) {
      // Cancelled while the plan was being read (a listing page in flight): a clean stop, not a failure.
    } else if (planningStopsRun(error)) {
      // A directory page that failed past its retries, or a device record planning cannot take: tasks may
      // already be created, so the run ends with a report and a journal `resumeCampaign` continues.
      context.platformFailed(error);
    } else fail(error);
  }
  await Promise.allSettled([...creates]);
  creationDone = true;
  state.notify();
  await poller;
  options.signal?.removeEventListener('abort', onCallerAbort);
  forgetRun();
  if (failure !== undefined) {
    await store.release?.(campaignId);
    throw failure;
  }

  await store.append(campaignId, {
    type: 'campaign-finished',
    status,
    ...(platformFailure === undefined ? {} : { failure: platformFailure }),
    at: Date.now(),
  });
  await store.release?.(campaignId);
  const taskDurationMs =
    resolved.taskDurationMs ??
    (durations.length > 0 ? durations.reduce((sum, value) => sum + value, 0) / durations.length : undefined);
  const report: CampaignReport = {
    campaignId,
    campaignName: campaign.name,
    adapter: options.adapter.name,
    status,
    ...(platformFailure === undefined ? {} : { failure: { ...platformFailure } }),
    resumed: setup.journal !== undefined,
    planComplete: state.planComplete,
    tasks: state.taskReports(),
    totals: state.totals(),
    apiCalls: apiCalls(),
    throttles: context.stats.throttles,
    retries: context.stats.retries,
    wallTimeMs: clock.now() - startedAt,
    ...(taskDurationMs === undefined || !state.planComplete
      ? {}
      : {
          minimumDurationMs: minimumDuration(
            { createCalls: state.planned },
            {
              rateLimitPerMinute: budget.callsPerMinute,
              // The limit the platform taught this run (a taskLimit answer lowers it), not the one assumed.
              maxUnfinishedTasks: state.workingLimit,
              taskDurationMs,
            },
          ),
        }),
    ...(unevaluable.devices === 0
      ? {}
      : { unevaluable: { devices: unevaluable.devices, examples: [...unevaluable.examples] } }),
    ...(refused.refused.invalid + refused.refused.duplicates === 0
      ? {}
      : { refused: { ...refused.refused, examples: [...refused.refused.examples] } }),
    ...(waves === undefined ? {} : { waves: waves.report() }),
    ...(waves?.halt === undefined ? {} : { rolloutHalt: { ...waves.halt } }),
  };
  context.emit('campaign-finished', { report });
  return report;
}
