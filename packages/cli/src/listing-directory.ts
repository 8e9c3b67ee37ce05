import {
  type AdapterV1,
  CallBudget,
  countingDirectory,
  createDirectoryMeter,
  type DeviceDirectory,
  type RetryPolicy,
  resolveRetryPolicy,
  systemClock,
} from '@fleetcast/core';
import { type CliContext, printError } from './cli-context.js';
import { formatListingProgress } from './progress/format-listing-event.js';
import { formatDuration } from './progress/format-number.js';

/** Least real time between two listing lines on stderr. */
const listingLineEveryMs = 2_000;

/**
 * The adapter's own directory, listed the way `run` lists it: every page through a call budget sized by
 * the platform's calls per minute, throttles waited out and 5xx or resets repeated under the runner's default
 * retry policy, with a progress line on stderr at most every 2 s (pages, devices, calls, rate) and one per
 * repeated page, and a last line when the listing is done. For `plan --endpoint` and `explain --endpoint`. `undefined` when the adapter cannot list.
 */
export function listingDirectory(
  context: CliContext,
  adapter: AdapterV1,
  signal: AbortSignal | undefined,
  retry: RetryPolicy = {},
): DeviceDirectory | undefined {
  if (adapter.doOpenDirectory === undefined) return undefined;
  const clock = systemClock;
  const startedAt = clock.now();
  const figures = { pages: 0, devices: 0, retries: 0 };
  let lastLineAt = Number.NEGATIVE_INFINITY;
  const progress = () => {
    const now = clock.now();
    if (now - lastLineAt < listingLineEveryMs) return;
    lastLineAt = now;
    printError(context, formatListingProgress({ ...figures, elapsedMs: now - startedAt }));
  };
  const meter = createDirectoryMeter({
    budget: new CallBudget({ callsPerMinute: adapter.capabilities.rateLimitPerMinute ?? 100, clock }),
    retry: resolveRetryPolicy(retry),
    clock,
    onRetry(repeat) {
      figures.retries += 1;
      printError(
        context,
        `listing devices: a page failed (${repeat.reason}: ${repeat.message}); retry ${repeat.attempt} in ${formatDuration(repeat.delayMs)}`,
      );
    },
    onRead() {
      figures.pages += 1;
      progress();
    },
  });
  const directory = countingDirectory(
    adapter.doOpenDirectory({ ...(signal ? { signal } : {}), meter }),
    (records) => {
      figures.devices += records;
      progress();
    },
  );
  return {
    selectors: directory.selectors,
    async *devices(query, options) {
      yield* directory.devices(query, options);
      // The last figures, however short the listing was.
      printError(context, formatListingProgress({ ...figures, elapsedMs: clock.now() - startedAt }));
    },
  };
}
