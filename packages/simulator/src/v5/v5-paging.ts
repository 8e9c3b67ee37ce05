import { InputProblem } from '../http/input-problem.js';
import { readQueryInteger } from '../http/query-params.js';

/** The list paging of IoTDA: `limit` 1–50 (default 10), `marker` 24 hex (default 24 f's), `offset` 0–500. */
export interface V5Paging {
  limit: number;
  marker: string;
  offset: number;
}

const MARKER = /^[0-9a-f]{24}$/;
/** Default marker: larger than every real ID, so paging starts at the newest record. */
export const FIRST_MARKER = 'f'.repeat(24);

/** Thrown for a `limit` out of range: IoTDA answers IOTDA.000017 for it. */
export class LimitProblem extends InputProblem {}

/** Reads `limit`, `marker` and `offset` from a query string. */
export function readV5Paging(query: URLSearchParams, maxLimit = 50): V5Paging {
  const limit = readQueryInteger(query, 'limit', { fallback: 10, min: 1, max: maxLimit }, LimitProblem);
  const offset = readQueryInteger(query, 'offset', { fallback: 0, min: 0, max: 500 });
  const marker = query.get('marker') ?? FIRST_MARKER;
  if (!MARKER.test(marker)) throw new InputProblem('marker', 'must be a 24-character lowercase hex string');
  return { limit, marker, offset };
}

/**
 * Applies marker + offset paging to records sorted by ID descending (newest first): keep records
 * whose ID is below the marker, skip `offset`, take `limit`. `page.marker` is the last record's ID.
 */
export function pageByMarker<T>(sortedDesc: readonly T[], idOf: (record: T) => string, paging: V5Paging) {
  return pageSorted(sortedDesc.length, (position) => sortedDesc[position] as T, idOf, paging);
}

/** {@link pageByMarker} over a virtual list (`length` records, `at(position)`), e.g. a 1 M-device fleet. */
export function pageSorted<T>(
  length: number,
  at: (position: number) => T,
  idOf: (record: T) => string,
  paging: V5Paging,
) {
  let start = 0;
  if (paging.marker !== FIRST_MARKER) {
    // Binary search for the first record with an ID below the marker.
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (idOf(at(middle)) < paging.marker) high = middle;
      else low = middle + 1;
    }
    start = low;
  }
  const items: T[] = [];
  for (let position = start + paging.offset; position < length && items.length < paging.limit; position++) {
    items.push(at(position));
  }
  const last = items[items.length - 1];
  return { items, page: { count: length, marker: last === undefined ? paging.marker : idOf(last) } };
}
