import type { CallMeter, MeteredCallKind } from '../adapter/v1/call-meter.js';

/**
 * Runs `request` within `meter` (or directly when there is none): waits for a slot, sends, frees the
 * slot when the request settles.
 *
 * @example
 * const body = await withCallMeter(options?.meter, 'page', options?.signal, () => client.get(path));
 */
export async function withCallMeter<T>(
  meter: CallMeter | undefined,
  kind: MeteredCallKind,
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
