import type { MeteredCallKindV1 } from './metered-call-kind-v1.js';

/**
 * Lets the engine count and pace every request an adapter makes against the platform's calls/minute.
 * The adapter calls `acquire` right before such a request and the returned `release` once its response
 * (or error) is in. Optional everywhere: an adapter that ignores it still works, its extra requests are
 * just not paced.
 */
export interface CallMeterV1 {
  acquire(kind: MeteredCallKindV1, signal?: AbortSignal): Promise<() => void>;
}
