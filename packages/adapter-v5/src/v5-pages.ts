import { PlatformError } from '@fleetcast/core';
import type { V5Page } from './v5-api.js';

/** One fetched page of a v5 list API. */
export interface V5PageResult<T> {
  items: T[];
  page?: V5Page;
}

/**
 * Walks a v5 list API newest-first by `marker` alone. The platform returns records with IDs below the
 * marker; `offset` is capped at 500, so paging by offset (as the Terraform provider does) silently stops
 * after ~11 pages of 50. Passing each page's `page.marker` with offset 0 reaches every record.
 */
export async function* v5Pages<T>(
  fetchPage: (cursor: { marker?: string; limit: number }) => Promise<V5PageResult<T>>,
  options: { limit: number; idOf: (item: T) => string; startMarker?: string },
): AsyncGenerator<T[]> {
  let marker = options.startMarker;
  for (;;) {
    const { items, page } = await fetchPage({
      ...(marker === undefined ? {} : { marker }),
      limit: options.limit,
    });
    if (items.length > 0) yield items;
    const last = items.at(-1);
    const next = page?.marker ?? (last === undefined ? undefined : options.idOf(last));
    // A short page is the last one.
    if (items.length < options.limit || next === undefined) return;
    // IDs come newest (largest) first, so each marker must be below the previous one; anything else
    // would loop forever or skip records, and is reported rather than papered over.
    if (marker !== undefined && next >= marker) {
      throw new PlatformError({
        kind: 'server',
        message: `v5: paging did not advance (marker ${next} after ${marker})`,
        adapter: 'v5',
      });
    }
    marker = next;
  }
}
