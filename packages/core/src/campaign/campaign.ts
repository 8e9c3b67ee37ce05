import type { Operation } from './operation.js';
import type { TargetSpec } from './target-spec.js';

/** A campaign: which devices, what to do, and how the platform should run each task. */
export interface Campaign {
  /** Base of every task name. Must satisfy the platform's task-name rule (v5: letters, digits, `_`, Chinese). */
  name: string;
  target: TargetSpec;
  operation: Operation;
  policy?: CampaignPolicy;
  /** Staged rollout in percentage waves (see docs/rollout.md). */
  rollout?: RolloutSpec;
}

/** Per-task settings passed to the platform. Each is checked against the documented limit. */
export interface CampaignPolicy {
  /** Task timeout in minutes, 10–2880 (legacy `timeout`; the docs disagree on minutes vs seconds). */
  timeout?: number;
  /** Legacy command retransmissions, 0–3. */
  maxRetransmit?: number;
  /** v5 retries of failed subtasks, 1–5; given together with `retryInterval` or not at all. */
  retryCount?: number;
  /** v5 minutes between retries, 0–1440; given together with `retryCount` or not at all. */
  retryInterval?: number;
  /** v5 start time, `yyyyMMdd'T'HHmmss'Z'`, within 7 days from now. */
  scheduleTime?: string;
  /** Legacy URL to which command results are pushed. */
  callbackUrl?: string;
  /** Legacy group tag. */
  groupTag?: string;
  /** Legacy task tags: name 1–128 characters, value 1–1024. */
  tags?: { name: string; value: string }[];
  /** Owning application (legacy `appId`) or resource space (v5 `app_id`). */
  appId?: string;
}

/**
 * Staged rollout in percentage waves (docs/rollout.md). Waves are created one at a time; between two
 * waves the `gate` must pass, and `abort` criteria are checked on every poll of the current wave.
 */
export interface RolloutSpec {
  /** Cumulative percents, rising, in (0, 100] with at most two decimals, e.g. `[{percent: 1}, {percent: 10}, {percent: 100}]`. */
  waves: { percent: number }[];
  /** Mixed into each device's bucket; change it to draw different devices for the same campaign name. */
  salt?: string;
  /** What a wave must reach before the next wave's first task is created. */
  gate?: RolloutGate;
  /** When to stop a wave early (in the style of AWS IoT Jobs `abortConfig`). */
  abort?: RolloutAbort;
}

/** Information handed to {@link RolloutGate.approve}. */
export interface WaveApprovalInfo {
  campaignName: string;
  /** The wave that finished (0-based) and the one that would start next. */
  wave: number;
  nextWave: number;
  /** Device figures of the finished wave. */
  devices: { targeted: number; succeeded: number; failed: number; timedOut: number; finished: number };
}

/**
 * Conditions between two waves, all of which must hold. Fractions are over the wave's devices:
 * finished = succeeded + failed + timed out + stopped (devices of a task the platform refused count as failed).
 */
export interface RolloutGate {
  /** Finished devices / targeted devices of the wave, 0–1. Default 1 (the whole wave has finished). */
  minFinishedFraction?: number;
  /** Succeeded devices / finished devices of the wave, 0–1. Default 0 (no requirement). */
  minSuccessRate?: number;
  /** Milliseconds the thresholds must keep holding before the gate passes (runner clock), 0–604,800,000 (7 days). Default 0. */
  soakMs?: number;
  /**
   * Asked last; `false` (or a rejection) pauses the campaign. Programmatic only: a campaign JSON file cannot
   * carry a function, and a journal on disk does not keep it (pass `approve` to `resumeCampaign` again).
   */
  approve?: (info: WaveApprovalInfo) => Promise<boolean>;
}

/** One abort criterion: fires when `failures / finished devices × 100 ≥ thresholdPercent` once `minFinishedDevices` have finished. */
export interface RolloutAbortCriterion {
  /** Which outcomes count as failures: `failed`, `timedOut`, or `any` (both). */
  failureType: 'failed' | 'timedOut' | 'any';
  /** 0–100, at most two decimals (as AWS `thresholdPercentage`). */
  thresholdPercent: number;
  /** Finished devices of the wave needed before the criterion is looked at, an integer ≥ 1. */
  minFinishedDevices: number;
}

/** Abort criteria of a rollout and what happens when one fires. */
export interface RolloutAbort {
  /** 1–10 criteria; the first that fires wins. */
  criteria: RolloutAbortCriterion[];
  /**
   * `abort`: create nothing more, watch the created tasks to their end, report `aborted` (resuming creates
   * nothing more either). `pause`: end the run at once as `paused`; `resumeCampaign` goes on (see docs/runner.md).
   */
  action: 'pause' | 'abort';
}
