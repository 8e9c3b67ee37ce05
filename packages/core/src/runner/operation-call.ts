import { PlatformError } from '../errors/platform-error.js';
import type { ApiCallKind } from './call-budget.js';
import type { CallBudgetPort } from './call-budget-port.js';
import { backoffDelay, type ResolvedRetryPolicy } from './retry-policy.js';
import type { RunnerClock } from './runner-clock.js';

/** What the operations (results, stop, retry) need to make a platform call. */
export interface OperationCallContext {
  budget: CallBudgetPort;
  retry: ResolvedRetryPolicy;
  clock: RunnerClock;
  signal?: AbortSignal;
}

/**
 * One platform call through the budget, repeated while the answer proves it did nothing (throttles,
 * waited out for the whole app) and, when `idempotent`, after retryable failures (5xx, network). A call
 * that must not run twice (a retry of devices) is not repeated after an ambiguous failure.
 */
export async function operationCall<T>(
  context: OperationCallContext,
  kind: ApiCallKind,
  call: () => Promise<T>,
  idempotent: boolean,
): Promise<T> {
  let failures = 0;
  let throttles = 0;
  while (true) {
    try {
      return await context.budget.run(kind, call, context.signal);
    } catch (error) {
      if (context.signal?.aborted || !PlatformError.isInstance(error)) throw error;
      let delay: number;
      if (error.kind === 'throttled' && throttles < context.retry.maxThrottleRetries) {
        throttles += 1;
        delay = backoffDelay(context.retry, Math.min(throttles, 30));
        context.budget.holdFor(delay);
      } else {
        failures += 1;
        const safe = idempotent || error.kind === 'taskLimit';
        if (!error.retryable || !safe || failures >= context.retry.maxAttempts) throw error;
        delay = backoffDelay(context.retry, failures);
      }
      await context.clock.sleep(delay, context.signal);
    }
  }
}
