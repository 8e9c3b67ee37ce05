import { requireInteger } from './require-option.js';

/** How often and how patiently a failed call is repeated. */
export interface RetryPolicy {
  /** Attempts per call, the first included (1 = never retry). Default 6. */
  maxAttempts?: number;
  /** Ceiling of the first delay. Default 500 ms. */
  baseDelayMs?: number;
  /** No delay ever exceeds this. Default 30,000 ms. */
  maxDelayMs?: number;
  /**
   * Throttling answers one call may wait out before giving up. They do not use up `maxAttempts`: a
   * throttle proves the call did nothing, it only says "later". Default 50.
   */
  maxThrottleRetries?: number;
  /**
   * How long a create may keep waiting on the platform's unfinished-task limit when no task the runner
   * knows of is running (a task it cannot see holds the slot). Default 48 h, the longest task timeout.
   */
  taskLimitWaitMs?: number;
  /** Source of jitter in [0, 1); injectable for reproducible tests. Default `Math.random`. */
  random?: () => number;
}

/** A {@link RetryPolicy} with every default filled in and every field checked. */
export interface ResolvedRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxThrottleRetries: number;
  taskLimitWaitMs: number;
  random: () => number;
}

/** Fills in defaults; throws `RunnerOptionError` naming the field and its range when a value is out of it. */
export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  const baseDelayMs = requireInteger('retry.baseDelayMs', policy.baseDelayMs ?? 500, 0, 3_600_000);
  return {
    maxAttempts: requireInteger('retry.maxAttempts', policy.maxAttempts ?? 6, 1, 100),
    baseDelayMs,
    maxDelayMs: requireInteger('retry.maxDelayMs', policy.maxDelayMs ?? 30_000, baseDelayMs, 3_600_000),
    maxThrottleRetries: requireInteger(
      'retry.maxThrottleRetries',
      policy.maxThrottleRetries ?? 50,
      0,
      100_000,
    ),
    taskLimitWaitMs: requireInteger(
      'retry.taskLimitWaitMs',
      policy.taskLimitWaitMs ?? 172_800_000,
      0,
      2 ** 40,
    ),
    random: policy.random ?? Math.random,
  };
}

/**
 * Delay before retry number `retry` (1 = the first retry): "full jitter", a uniform draw between 0 and
 * `min(maxDelayMs, baseDelayMs × 2^(retry−1))`. Jitter spreads out clients that failed together.
 */
export function backoffDelay(policy: ResolvedRetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const draw = Math.min(Math.max(policy.random(), 0), 1);
  return Math.floor(draw * ceiling);
}
