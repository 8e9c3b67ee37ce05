/**
 * Why an adapter makes an HTTP request beyond the one the engine already budgeted:
 * - `auth`: a login, a re-login, or a request sent again after its token was renewed;
 * - `lookup`: a look-up the call needs first (e.g. a v5 group name resolved to its ID);
 * - `page`: a further page of a paged listing (find-by-name, directory pages, stop/retry batches).
 */
export type MeteredCallKindV1 = 'auth' | 'lookup' | 'page';
