import { PlatformError } from '../errors/platform-error.js';

/**
 * True for a failure that proves every further call of this run would fail the same way, so going on
 * would only fail each remaining task in turn: the platform refused the credentials (`auth`; the adapter
 * has already tried its one re-login). Such a failure ends the run with `status: 'failed'`.
 */
export function isPlatformWideFailure(error: unknown): boolean {
  return PlatformError.isInstance(error) && error.kind === 'auth';
}
