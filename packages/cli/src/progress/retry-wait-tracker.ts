import type { TaskCountsV1 } from '@fleetcast/core';
import { formatCount } from './format-number.js';

/** Options of {@link RetryWaitTracker}. */
export interface RetryWaitOptions {
  /** The campaign's `policy.retryInterval`, minutes; unknown when the campaign leaves it to the platform. */
  retryIntervalMinutes?: number;
  /** Wall clock, epoch ms (injected by tests). Default `Date.now`. */
  now?: () => number;
}

/** `14:05 UTC` — a time a person can compare with a clock. */
function clockTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 16)} UTC`;
}

/**
 * Says when a task's failed subtasks wait for the platform's own retry (`policy.retryInterval` minutes,
 * v5 `fail_wait_retry`): without it the progress sits still for that long and looks like a hang. The wait
 * is counted from when this process first saw the task waiting, so "until" is an estimate, never early.
 */
export class RetryWaitTracker {
  private readonly since = new Map<number, { at: number; devices: number }>();
  private readonly now: () => number;

  constructor(private readonly options: RetryWaitOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Records a task's counters. Returns the text to show when its waiting changed (started, grew, or
   * ended: then `''`), else undefined.
   */
  update(index: number, counts: TaskCountsV1 | undefined): string | undefined {
    const waiting = counts?.waitingRetry ?? 0;
    const seen = this.since.get(index);
    if (waiting === 0) {
      if (seen === undefined) return undefined;
      this.since.delete(index);
      return '';
    }
    if (seen?.devices === waiting) return undefined;
    const at = seen?.at ?? this.now();
    this.since.set(index, { at, devices: waiting });
    return this.describe(index) as string;
  }

  /** The current wait of a task, e.g. `12 devices wait for the platform's retry (every 30 min): until about 14:05 UTC`. */
  describe(index: number): string | undefined {
    const seen = this.since.get(index);
    if (seen === undefined) return undefined;
    const minutes = this.options.retryIntervalMinutes;
    const until =
      minutes === undefined
        ? "until the platform retries (policy.retryInterval not set: the platform's default)"
        : `until about ${clockTime(seen.at + minutes * 60_000)} (policy.retryInterval ${minutes} min)`;
    return `${formatCount(seen.devices)} device(s) failed and wait for the platform's retry, ${until}`;
  }

  /** Short form for a progress bar's state column: `retry wait until 14:05 UTC`. */
  short(index: number): string | undefined {
    const seen = this.since.get(index);
    if (seen === undefined) return undefined;
    const minutes = this.options.retryIntervalMinutes;
    return minutes === undefined
      ? 'waiting for retry'
      : `retry wait until ${clockTime(seen.at + minutes * 60_000)}`;
  }
}
