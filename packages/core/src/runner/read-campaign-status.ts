import type { AdapterV1 } from '../adapter/v1/adapter-v1.js';
import { terminalTaskStates } from '../adapter-kit/terminal-task-states.js';
import { adapterBudget } from './adapter-budget.js';
import type { CallBudgetPort } from './call-budget-port.js';
import type { CampaignLifecycleState, CampaignStatus, CampaignTaskStatus } from './campaign-status.js';
import type { CampaignStore } from './campaign-store.js';
import type { JournalRecord } from './journal-record.js';
import { operationCall } from './operation-call.js';
import { readCampaignJournal } from './read-campaign-journal.js';
import { type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';
import { type RunnerClock, systemClock } from './runner-clock.js';

/** Options of {@link readCampaignStatus}. */
export interface ReadCampaignStatusOptions {
  store: CampaignStore;
  /** When given, every created task the journal does not show finished is polled once (through the budget). */
  adapter?: AdapterV1;
  /** The call budget to draw from (default: the adapter's own, shared with runs on the same adapter object). */
  budget?: CallBudgetPort;
  retry?: RetryPolicy;
  clock?: RunnerClock;
  signal?: AbortSignal;
}

/**
 * A campaign's state from its journal alone (no platform call): the campaign, its state, every task's
 * last known state and counts, waves, and when each was last seen. With `adapter`, running tasks are
 * refreshed with one status poll each, drawn from the call budget; the journal is not written.
 * Throws `CampaignNotFoundError` for an unknown ID.
 *
 * @example
 * const status = await readCampaignStatus('fw_2026_11', { store, adapter });
 * console.log(status.state, status.totals.failed);
 */
export async function readCampaignStatus(
  campaignId: string,
  options: ReadCampaignStatusOptions,
): Promise<CampaignStatus> {
  const { started, records, state } = await readCampaignJournal(options.store, campaignId);
  const reports = new Map(state.taskReports().map((report) => [report.index, report]));
  let refreshCalls = 0;
  const refreshed = new Set<number>();
  if (options.adapter !== undefined) {
    const adapter = options.adapter;
    const budget = adapterBudget(adapter, options.budget);
    for (const task of state.tracked()) {
      const taskId = task.taskId as string;
      refreshCalls += 1;
      // A poll changes nothing: throttles are waited out and 5xx/network failures repeated.
      const status = await operationCall(
        {
          budget,
          retry: resolveRetryPolicy(options.retry),
          clock: options.clock ?? systemClock,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        },
        'poll',
        () =>
          adapter.doGetTask({
            taskId,
            ...(options.signal === undefined ? {} : { signal: options.signal }),
            meter: budget,
          }),
        true,
      );
      task.state = status.state;
      task.counts = { ...status.counts };
      if (task.kind === 'native' || task.targets === undefined) task.targets = status.counts.total;
      task.terminal = terminalTaskStates.has(status.state);
      task.lastSeenAt = Date.now();
      refreshed.add(task.index);
    }
    for (const report of state.taskReports()) reports.set(report.index, report);
  }
  const tasks: CampaignTaskStatus[] = [...reports.values()].map((report) => {
    const task = state.tasks.get(report.index);
    return {
      ...report,
      ...(task?.wave === undefined ? {} : { wave: task.wave }),
      ...(task?.retry === undefined ? {} : { retryOf: task.retry.retryOf }),
      ...(task?.lastSeenAt === undefined ? {} : { lastSeenAt: task.lastSeenAt }),
      ...(refreshed.has(report.index) ? { refreshed: true } : {}),
    };
  });
  const last = records.at(-1) as JournalRecord;
  const finished = [...records].reverse().find((record) => record.type === 'campaign-finished');
  const waves = [...state.waves.entries()]
    .sort(([a], [b]) => a - b)
    .map(([wave, record]) => ({
      wave,
      state: (record.halt !== undefined
        ? record.halt.action === 'abort'
          ? 'aborted'
          : 'paused'
        : record.passed
          ? 'passed'
          : 'started') as 'started' | 'passed' | 'paused' | 'aborted',
    }));
  return {
    campaignId,
    campaignName: started.campaign.name,
    adapter: started.adapter,
    state: lifecycleState(records, state.stop !== undefined),
    startedAt: started.at,
    lastSeenAt: last.at,
    planComplete: state.planComplete,
    tasksPlanned: state.planned,
    tasks,
    totals: state.totals(),
    ...(waves.length === 0 ? {} : { waves }),
    ...(finished?.type === 'campaign-finished' &&
    finished.status === 'failed' &&
    finished.failure !== undefined
      ? { failure: { ...finished.failure } }
      : {}),
    ...(state.stop === undefined ? {} : { stop: { ...state.stop } }),
    refreshCalls,
  };
}

/** The state the journal's last run left: `running` while records follow the last `campaign-finished`. */
function lifecycleState(records: readonly JournalRecord[], stopped: boolean): CampaignLifecycleState {
  if (stopped) return 'stopped';
  let position = records.length - 1;
  while (position > 0 && records[position]?.type === 'campaign-stop') position -= 1;
  const last = records[position];
  if (last?.type !== 'campaign-finished') return 'running';
  switch (last.status) {
    case 'completed':
      return 'finished';
    default:
      return last.status;
  }
}
