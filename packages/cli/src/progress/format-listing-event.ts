import type { CampaignEventSource } from './campaign-event-source.js';
import { formatCount, formatDuration } from './format-number.js';

/** Figures of a listing in progress, as the `listing-progress` event and `plan --endpoint` carry them. */
export interface ListingFigures {
  pages: number;
  devices: number;
  retries: number;
  elapsedMs: number;
}

/**
 * `listing devices: 12 pages, 600 devices, 13 calls (1 retried), 24 calls/min`: what the listing has done
 * and how fast, so minutes of listing never look like a hang.
 */
export function formatListingProgress(figures: ListingFigures): string {
  const calls = figures.pages + figures.retries;
  const minutes = figures.elapsedMs / 60_000;
  const rate = minutes > 0 ? ` at ${formatCount(Math.round(calls / minutes))} calls/min` : '';
  const retried = figures.retries > 0 ? ` (${formatCount(figures.retries)} retried)` : '';
  return `listing devices: ${formatCount(figures.pages)} page(s), ${formatCount(figures.devices)} devices, ${formatCount(calls)} calls${retried}${rate}`;
}

/**
 * Calls `write(at, text)` with a listing line at most every `everyMs` of the run clock (and for the first
 * page), and with one line per repeated page: the listing's share of a run's progress, in both views.
 */
export function onListingEvents(
  run: CampaignEventSource,
  write: (at: number, text: string) => void,
  everyMs = 2_000,
): void {
  let lastAt = Number.NEGATIVE_INFINITY;
  run.on('listing-progress', (event) => {
    if (event.at - lastAt < everyMs) return;
    lastAt = event.at;
    write(event.at, formatListingProgress(event));
  });
  run.on('listing-retrying', (event) => {
    write(
      event.at,
      `listing devices: a page failed (${event.reason}: ${event.message}); retry ${event.attempt} in ${formatDuration(event.delayMs)}`,
    );
  });
}
