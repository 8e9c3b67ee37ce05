import type { CallMeterV1 } from '../adapter/v1/call-meter-v1.js';
import type { MeteredCallKindV1 } from '../adapter/v1/metered-call-kind-v1.js';

/**
 * Runs `request` within `meter` (or directly when there is none): waits for a slot, sends, frees the
 * slot when the request settles.
 *
 * @example
 * const body = await withCallMeter(options?.meter, 'page', options?.signal, () => client.get(path));
 */
export async function withCallMeter<T>(
  meter: CallMeterV1 | undefined,
  kind: MeteredCallKindV1,
  signal: AbortSignal | undefined,
  request: () => Promise<T>,
): Promise<T> {
  if (meter === undefined) return request();
  const release = await meter.acquire(kind, signal);
  try {
    return await request();
  } finally {
    release();
  }
}
