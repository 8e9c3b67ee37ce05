import type { CallMeterV1 } from '../adapter/v1/call-meter-v1.js';

/**
 * Runs a repeatable read (a directory page, a look-up) under `meter`'s retry policy when it has one
 * ({@link CallMeterV1.retryRead}), else once. The read acquires its own slot (e.g. through `withCallMeter`).
 *
 * @example
 * const page = await withReadRetries(options.meter, signal, () => client.get(path, query, 'list devices', signal, metering));
 */
export function withReadRetries<T>(
  meter: CallMeterV1 | undefined,
  signal: AbortSignal | undefined,
  read: () => Promise<T>,
): Promise<T> {
  return meter?.retryRead === undefined ? read() : meter.retryRead(read, signal);
}
