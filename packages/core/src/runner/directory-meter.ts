import type { CallMeterV1 } from '../adapter/v1/call-meter-v1.js';
import type { MeteredCallKindV1 } from '../adapter/v1/metered-call-kind-v1.js';
import { PlatformError } from '../errors/platform-error.js';
import type { CallBudgetPort } from './call-budget-port.js';
import { backoffDelay, type ResolvedRetryPolicy } from './retry-policy.js';
import type { RunnerClock } from './runner-clock.js';

/** A repeated directory read, as the runner reports it. */
export interface DirectoryRetry {
  /** Why: `throttled` (waited out through the budget) or the failure's kind (`server`, `network`). */
  reason: string;
  /** 1 for the first repeat of this read. */
  attempt: number;
  delayMs: number;
  message: string;
}

/** Options of {@link createDirectoryMeter}. */
export interface DirectoryMeterOptions {
  budget: CallBudgetPort;
  retry: ResolvedRetryPolicy;
  clock: RunnerClock;
  /** Told about every repeat (the runner counts it in `retries`/`throttles` and emits an event). */
  onRetry?: (retry: DirectoryRetry) => void;
  /** Told about every read that succeeded (listing progress). */
  onRead?: () => void;
}

/**
 * The {@link CallMeterV1} a platform directory lists through while the runner (or `plan --endpoint`) plans:
 * every page draws from `budget` like any other call, and a page that fails with a retryable
 * `PlatformError` is repeated under the same policy as creates and polls: a throttle holds the whole budget
 * (another client spent it) and does not use up attempts (up to `maxThrottleRetries`); a 5xx or a reset
 * waits a jittered back-off (up to `maxAttempts` in all). A listing is a read, so repeating a page is safe.
 * Anything else, or running out, rethrows the last failure.
 */
export function createDirectoryMeter(options: DirectoryMeterOptions): CallMeterV1 {
  const { budget, retry, clock } = options;
  // Until one read succeeds, an unreachable platform (connection refused) is a mistake, not a blip.
  let anyRead = false;
  return {
    acquire: (kind: MeteredCallKindV1, signal?: AbortSignal) => budget.acquire(kind, signal),
    async retryRead<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      let attempts = 0;
      let throttles = 0;
      for (;;) {
        try {
          const result = await read();
          anyRead = true;
          options.onRead?.();
          return result;
        } catch (error) {
          if (signal?.aborted || !PlatformError.isInstance(error) || !error.retryable) throw error;
          if (error.unreachable && !anyRead) throw error;
          let delayMs: number;
          let attempt: number;
          if (error.kind === 'throttled') {
            throttles += 1;
            if (throttles > retry.maxThrottleRetries) throw error;
            delayMs = backoffDelay(retry, Math.min(throttles, 30));
            attempt = throttles;
            // Someone else spent the app's budget: every call would be refused, not only this one.
            budget.holdFor(delayMs);
          } else {
            attempts += 1;
            if (attempts >= retry.maxAttempts) throw error;
            delayMs = backoffDelay(retry, attempts);
            attempt = attempts;
          }
          options.onRetry?.({ reason: error.kind, attempt, delayMs, message: error.message });
          if (error.kind !== 'throttled') await clock.sleep(delayMs, signal);
        }
      }
    },
  };
}
