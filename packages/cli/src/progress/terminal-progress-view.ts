import type { TaskCountsV1 } from '@fleetcast/core';
import { MultiBar, type SingleBar } from 'cli-progress';
import type { TextSink } from '../cli-io.js';
import { onListingEvents } from './format-listing-event.js';
import { onWaveEvents } from './format-wave-event.js';
import type { CampaignEventSource, ProgressView, ProgressViewOptions } from './campaign-event-source.js';
import { RetryWaitTracker } from './retry-wait-tracker.js';
import { formatCount } from './format-number.js';

/** Task bars drawn at most; beyond this only the overall bar moves (a 10 M campaign has 334 tasks). */
export const maxTaskBars = 12;

const taskFormat =
  ' {label} [{bar}] {percentage}% | {done}/{all} | {state} | ok {succeeded} fail {failed} run {running}';
const overallFormat =
  ' {label} [{bar}] {percentage}% | tasks {created}/{planned} created, {finished} done | ok {succeeded} fail {failed} run {running} | {calls} calls';

/**
 * Live progress bars on a terminal (cli-progress): one overall bar per campaign (tasks created and
 * finished, devices succeeded and failed) and one per task (created, running, succeeded, failed),
 * redrawn in place on `sink` (stderr, so that stdout stays clean for reports and `--json`).
 */
export class TerminalProgressView implements ProgressView {
  private readonly bars: MultiBar;

  constructor(sink: TextSink) {
    this.bars = new MultiBar({
      stream: sink as unknown as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
      // Bar lines are cut at the terminal's width: a wrapped line takes two rows, and the redraw, which moves
      // the cursor up one row per bar, then lands on the wrong row (duplicated and stale rows).
      linewrap: true,
      // cli-progress skips a bar whose text did not change since it last drew it. Log lines printed above
      // the bars move them down a row, so a skipped bar's row kept whatever was drawn there before: the
      // wave-1 row stayed at "0/19 created" or showed the wave-2 task a second time. Every frame draws all.
      forceRedraw: true,
      autopadding: true,
      barsize: 24,
      fps: 10,
      format: taskFormat,
      barCompleteChar: '█',
      barIncompleteChar: '░',
    });
  }

  attach(run: CampaignEventSource, label: string, options: ProgressViewOptions = {}): void {
    const retryWait = new RetryWaitTracker(options);
    const overall = this.bars.create(1, 0, overallPayload(label), { format: overallFormat });
    const taskBars = new Map<number, SingleBar>();
    const taskBar = (index: number, name: string, targets: number | undefined): SingleBar | undefined => {
      const existing = taskBars.get(index);
      if (existing || taskBars.size >= maxTaskBars) return existing;
      const bar = this.bars.create(Math.max(targets ?? 1, 1), 0, {
        ...taskPayload(shorten(name), undefined),
        state: 'creating',
        all: formatCount(targets),
      });
      taskBars.set(index, bar);
      return bar;
    };

    run.on('task-creating', (event) => {
      taskBar(event.index, event.name, event.targets)?.update(0, {
        state: `creating (try ${event.attempt})`,
      });
    });
    run.on('task-created', (event) => {
      taskBar(event.index, event.name, undefined)?.update({ state: 'created' });
    });
    run.on('task-retrying', (event) => {
      taskBar(event.index, event.name, undefined)?.update({ state: `retrying: ${event.reason}` });
    });
    run.on('task-failed', (event) => {
      taskBar(event.index, event.name, undefined)?.update({ state: event.state });
    });
    run.on('task-progress', (event) => {
      const bar = taskBar(event.index, event.name, event.counts?.total);
      if (!bar) return;
      const counts = event.counts;
      if (counts && counts.total > 0) bar.setTotal(counts.total);
      retryWait.update(event.index, counts);
      bar.update(counts ? finished(counts) : Math.round(event.progress * bar.getTotal()), {
        ...taskPayload(shorten(event.name), counts),
        state: retryWait.short(event.index) ?? event.state,
      });
    });
    // Wave transitions are rare and important: printed above the bars, they stay in the scrollback.
    onWaveEvents(run, (_at, text) => this.log(`${label}: ${text}`));
    // Listing the platform's devices can take minutes before the first task: say how far it is.
    onListingEvents(run, (_at, text) => this.bars.log(`${label}: ${text}\n`));
    run.on('campaign-progress', (event) => {
      const devices = event.devices;
      // Against the whole plan when it is known: a streamed plan's targets grow as it is read.
      overall.setTotal(Math.max(options.knownPlan?.devices ?? devices.targeted, devices.targeted, 1));
      const finishedDevices = devices.succeeded + devices.failed + devices.timedOut + devices.stopped;
      overall.update(finishedDevices, {
        ...overallPayload(label),
        created: event.tasksCreated,
        planned: options.knownPlan
          ? `${options.knownPlan.tasks}`
          : `${event.tasksPlanned}${event.planComplete ? '' : '+'}`,
        finished: event.tasksTerminal,
        succeeded: formatCount(devices.succeeded),
        failed: formatCount(devices.failed + devices.timedOut),
        // Devices of created tasks with no outcome yet (pending or running on the platform).
        running: formatCount(Math.max(devices.targeted - finishedDevices - devices.notCreated, 0)),
        calls: event.apiCalls,
      });
    });
  }

  /**
   * Prints `text` above the bars. cli-progress clears only the first row it writes logs over: every line
   * clears its own row (`ESC [2K`), or a short line keeps the end of the bar drawn there before.
   */
  private log(text: string): void {
    this.bars.log(
      `${text
        .split('\n')
        .map((line) => `\x1b[2K${line}`)
        .join('\n')}\n`,
    );
  }

  close(): void {
    // Draw once more first: stop() renders the bars but drops log lines still buffered, which lost the
    // final "wave 2 ABORTED" line of a rollout.
    this.bars.update();
    this.bars.stop();
  }
}

function finished(counts: TaskCountsV1): number {
  return counts.succeeded + counts.failed + counts.timedOut + counts.stopped;
}

function taskPayload(label: string, counts: TaskCountsV1 | undefined): Record<string, string> {
  return {
    label,
    done: formatCount(counts ? finished(counts) : 0),
    all: formatCount(counts?.total),
    succeeded: formatCount(counts?.succeeded ?? 0),
    failed: formatCount((counts?.failed ?? 0) + (counts?.timedOut ?? 0)),
    running: formatCount((counts?.running ?? 0) + (counts?.pending ?? 0)),
  };
}

function overallPayload(label: string): Record<string, string | number> {
  return {
    label: shorten(label),
    created: 0,
    planned: '?',
    finished: 0,
    succeeded: '0',
    failed: '0',
    running: '0',
    calls: 0,
  };
}

/** Bar labels share one column: long task names are cut in the middle, where part suffixes survive. */
function shorten(name: string, width = 28): string {
  if (name.length <= width) return name.padEnd(width);
  const tail = 10;
  return `${name.slice(0, width - tail - 1)}…${name.slice(-tail)}`;
}
