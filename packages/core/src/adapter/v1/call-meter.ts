/**
 * Why an adapter makes an HTTP request beyond the one the engine already budgeted:
 * - `auth`: a login, a re-login, or a request sent again after its token was renewed;
 * - `lookup`: a look-up the call needs first (e.g. a v5 group name resolved to its ID);
 * - `page`: a further page of a paged listing (find-by-name, directory pages, stop/retry batches).
 */
export type MeteredCallKind = 'auth' | 'lookup' | 'page';

/**
 * Lets the engine count and pace every request an adapter makes against the platform's calls/minute.
 * The adapter calls `acquire` right before such a request and the returned `release` once its response
 * (or error) is in. Optional everywhere: an adapter that ignores it still works, its extra requests are
 * just not paced.
 */
export interface CallMeter {
  acquire(kind: MeteredCallKind, signal?: AbortSignal): Promise<() => void>;
}
