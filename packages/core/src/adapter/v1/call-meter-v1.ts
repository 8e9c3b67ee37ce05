import type { MeteredCallKindV1 } from './metered-call-kind-v1.js';

/**
 * Lets the engine count and pace every request an adapter makes against the platform's calls/minute.
 * The adapter calls `acquire` right before such a request and the returned `release` once its response
 * (or error) is in. Optional everywhere: an adapter that ignores it still works, its extra requests are
 * just not paced.
 */
export interface CallMeterV1 {
  acquire(kind: MeteredCallKindV1, signal?: AbortSignal): Promise<() => void>;
  /**
   * Optional: runs a read (a directory page, a look-up) that is safe to repeat, repeating it under the
   * engine's retry policy when it fails with a retryable `PlatformError` (throttles waited out through the
   * budget, 5xx and resets with back-off). Each attempt acquires its own slot inside `read`. Adapters call it
   * through {@link withReadRetries}; a meter without it runs the read once.
   */
  retryRead?<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}
