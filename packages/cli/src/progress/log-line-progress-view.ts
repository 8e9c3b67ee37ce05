import type { TaskStateV1 } from '@fleetcast/core';
import type { TextSink } from '../cli-io.js';
import type { CampaignEventSource, ProgressView, ProgressViewOptions } from './campaign-event-source.js';
import { RetryWaitTracker } from './retry-wait-tracker.js';
import { formatCount, formatDuration } from './format-number.js';
import { onListingEvents } from './format-listing-event.js';
import { onWaveEvents } from './format-wave-event.js';

/** Options of {@link LogLineProgressView}. */
export interface LogLineProgressOptions {
  /** Least time between two campaign summary lines, in runner-clock milliseconds. Default 2,000. */
  summaryEveryMs?: number;
}

/**
 * Progress as plain log lines, for logs and CI (no terminal, or `CI` set): one line per task created,
 * retried, failed or finished, one per task state change, and a campaign summary at most every two
 * seconds. Lines never contain credentials: events carry none.
 */
export class LogLineProgressView implements ProgressView {
  private readonly sink: TextSink;
  private readonly summaryEveryMs: number;

  constructor(sink: TextSink, options: LogLineProgressOptions = {}) {
    this.sink = sink;
    this.summaryEveryMs = options.summaryEveryMs ?? 2000;
  }

  attach(run: CampaignEventSource, label: string, options: ProgressViewOptions = {}): void {
    const retryWait = new RetryWaitTracker(options);
    let startedAt: number | undefined;
    let lastSummaryAt = Number.NEGATIVE_INFINITY;
    let tasksPlanned: number | undefined;
    const lastState = new Map<number, TaskStateV1 | 'unknown'>();
    const line = (at: number, text: string) => {
      startedAt ??= at;
      const elapsed = ((at - startedAt) / 1000).toFixed(1).padStart(6);
      this.sink.write(`[${label} ${elapsed}s] ${text}\n`);
    };
    const taskLabel = (index: number, name: string) =>
      `task ${index + 1}${tasksPlanned === undefined ? '' : `/${tasksPlanned}`} ${name}`;

    run.on('plan-ready', (event) => {
      tasksPlanned = event.tasks;
      line(
        event.at,
        `plan ready: ${event.tasks} task(s), ${event.explicitTasks} explicit (${formatCount(event.explicitTargets)} devices), ${event.nativeTasks} native`,
      );
    });
    run.on('task-created', (event) => {
      const id = event.taskId === undefined ? 'ID not returned' : `taskId ${event.taskId}`;
      line(event.at, `${taskLabel(event.index, event.name)} created (${id}, via ${event.via})`);
    });
    run.on('task-retrying', (event) => {
      line(
        event.at,
        `${taskLabel(event.index, event.name)}: ${event.call} failed (${event.reason}: ${event.message}); retry ${event.retry} in ${formatDuration(event.delayMs)}`,
      );
    });
    run.on('task-failed', (event) => {
      line(
        event.at,
        `${taskLabel(event.index, event.name)} ${event.state}: ${event.message} (${event.code})`,
      );
    });
    run.on('task-progress', (event) => {
      const waiting = retryWait.update(event.index, event.counts);
      if (waiting !== undefined) {
        line(
          event.at,
          `${taskLabel(event.index, event.name)}: ${waiting === '' ? "the platform's retry started" : waiting}`,
        );
      }
      // One line per state change: counters alone change every poll and would flood a log.
      if (lastState.get(event.index) === event.state) return;
      lastState.set(event.index, event.state);
      const counts = event.counts;
      const detail = counts
        ? `: ${formatCount(counts.succeeded)} succeeded, ${formatCount(counts.failed)} failed, ${formatCount(counts.timedOut)} timed out of ${formatCount(counts.total)}`
        : '';
      line(event.at, `${taskLabel(event.index, event.name)} ${event.state}${detail}`);
    });
    run.on('campaign-progress', (event) => {
      if (event.at - lastSummaryAt < this.summaryEveryMs) return;
      lastSummaryAt = event.at;
      const devices = event.devices;
      line(
        event.at,
        `progress: tasks ${event.tasksCreated} created, ${event.tasksTerminal} finished of ${options.knownPlan ? options.knownPlan.tasks : `${event.tasksPlanned}${event.planComplete ? '' : '+'}`}; devices ${formatCount(devices.succeeded)} succeeded, ${formatCount(devices.failed)} failed, ${formatCount(devices.timedOut)} timed out of ${formatCount(options.knownPlan?.devices ?? devices.targeted)}${options.knownPlan || event.planComplete ? '' : ' so far'}; ${event.apiCalls} API calls, ${event.throttles} throttled`,
      );
    });
    onWaveEvents(run, line);
    onListingEvents(run, line);
    run.on('campaign-finished', (event) => {
      line(event.at, `campaign ${event.report.status} in ${formatDuration(event.report.wallTimeMs)}`);
    });
  }

  close(): void {}
}
