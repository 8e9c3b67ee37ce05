import type { TaskStateV1 } from '../adapter/v1/task-state-v1.js';
import { terminalTaskStates } from '../adapter-kit/terminal-task-states.js';
import type { DeviceTotals, TaskReport, TaskReportState, WaveHalt } from './campaign-report.js';

/**
 * What the runner knows about one planned task, in this process: the fields of its {@link TaskReport}
 * (with `kind` unknown until the plan streams the task; a journal knows only its name) plus bookkeeping.
 */
export interface TaskRecord extends Omit<TaskReport, 'kind'> {
  kind: TaskReport['kind'] | undefined;
  /** Create calls journaled for this task, over every process. */
  intents: number;
  /** Run-clock time of the last journaled intent: a create sent then may still commit late. */
  lastIntentAt?: number;
  /** True once the outcome is settled in the journal (created, refused, unknown). */
  settled: boolean;
  /** True once the platform reported a terminal state (or the task was lost). */
  terminal: boolean;
  nextPollAt: number;
  /** True while a create for this task is under way (it holds an unfinished-task slot). */
  inCreation?: boolean;
  /** Consecutive failed polls. */
  pollFailures?: number;
  /** True while a status poll for it is under way. */
  polling?: boolean;
  /** 0-based rollout wave, from the plan. */
  wave?: number;
  /** Journal time of the last record about this task. */
  lastSeenAt?: number;
  /** A refused task reopened by `retryCampaign` (`task-reopened`): look it up before creating it again. */
  reopened?: boolean;
  /** For a retry task: the index of the task whose devices it retries, the round, and its devices. */
  retry?: {
    retryOf: number;
    round: number;
    deviceIds: readonly string[];
    from: { failed: number; timedOut: number };
  };
}

/** What the journal says about one rollout wave. */
export interface WaveRecord {
  started: boolean;
  passed: boolean;
  /** Set when the wave was stopped (by this run or, read back, by an earlier one). */
  halt?: WaveHalt;
}

/** A fresh record for a task that has not been touched yet. */
export function newTaskRecord(index: number, name: string): TaskRecord {
  return {
    index,
    name,
    kind: undefined,
    targets: undefined,
    created: false,
    state: 'notCreated',
    intents: 0,
    settled: false,
    terminal: false,
    nextPollAt: 0,
  };
}

/** True when the task's state will not change again. */
export function isTerminalState(state: TaskReportState): boolean {
  return terminalTaskStates.has(state as TaskStateV1) || state === 'createFailed' || state === 'unknown';
}

/** The in-memory picture of one run: task records, the working limit, and a change signal for waiters. */
export class CampaignState {
  readonly tasks = new Map<number, TaskRecord>();
  readonly waves = new Map<number, WaveRecord>();
  planned = 0;
  planComplete = false;
  /** Set when the journal holds a `campaign-stop`: nothing more is created. */
  stop?: { mode: 'soft' | 'force'; at: number };
  /** Retry attempts per device (platform retries and retry tasks), from the journal. */
  readonly deviceRetries = new Map<string, number>();
  workingLimit: number;
  private waiters: (() => void)[] = [];

  constructor(workingLimit: number) {
    this.workingLimit = workingLimit;
  }

  record(index: number, name: string): TaskRecord {
    let record = this.tasks.get(index);
    if (record === undefined) {
      record = newTaskRecord(index, name);
      this.tasks.set(index, record);
    }
    return record;
  }

  /** The record of rollout wave `index`, made on first use. */
  wave(index: number): WaveRecord {
    let record = this.waves.get(index);
    if (record === undefined) {
      record = { started: false, passed: false };
      this.waves.set(index, record);
    }
    return record;
  }

  /** Created tasks the runner can poll that are not terminal yet. */
  tracked(): TaskRecord[] {
    return [...this.tasks.values()].filter(
      (task) => task.taskId !== undefined && task.created === true && !task.terminal,
    );
  }

  /** Unfinished tasks this run accounts for: creates under way plus tracked running tasks. */
  unfinished(): number {
    let count = 0;
    for (const task of this.tasks.values()) {
      if (task.created === true ? task.taskId !== undefined && !task.terminal : task.inCreation === true)
        count += 1;
    }
    return count;
  }

  /** Wakes everything waiting in {@link changed}. */
  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves at the next {@link notify}. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Device totals over the tasks `include` accepts (default all). */
  totals(include: (task: TaskRecord) => boolean = () => true): DeviceTotals {
    const totals: DeviceTotals = {
      targeted: 0,
      succeeded: 0,
      failed: 0,
      timedOut: 0,
      stopped: 0,
      unknown: 0,
      notCreated: 0,
    };
    for (const task of this.tasks.values()) {
      if (!include(task)) continue;
      if (task.retry !== undefined) {
        // Its devices are counted (as failed or timed out) in the task it retries: move those that now succeeded.
        const moved = task.counts?.succeeded ?? 0;
        const fromFailed = Math.min(moved, task.retry.from.failed);
        totals.succeeded += moved;
        totals.failed -= fromFailed;
        totals.timedOut -= moved - fromFailed;
        continue;
      }
      const targets = task.targets ?? task.counts?.total ?? 0;
      totals.targeted += targets;
      if (task.state === 'createFailed') totals.failed += targets;
      else if (task.state === 'notCreated') totals.notCreated += targets;
      else if (task.counts === undefined) totals.unknown += targets;
      else {
        totals.succeeded += task.counts.succeeded;
        totals.failed += task.counts.failed;
        totals.timedOut += task.counts.timedOut;
        totals.stopped += task.counts.stopped;
        totals.unknown +=
          targets - task.counts.succeeded - task.counts.failed - task.counts.timedOut - task.counts.stopped;
      }
    }
    return totals;
  }

  taskReports(): TaskReport[] {
    return [...this.tasks.values()]
      .sort((a, b) => a.index - b.index)
      .map((task) => ({
        index: task.index,
        name: task.name,
        kind: task.kind ?? 'explicit',
        targets: task.targets ?? task.counts?.total,
        ...(task.taskId === undefined ? {} : { taskId: task.taskId }),
        created: task.created,
        state: task.state,
        ...(task.counts === undefined ? {} : { counts: { ...task.counts } }),
        ...(task.error === undefined ? {} : { error: { ...task.error } }),
      }));
  }
}
