import { AdapterArgumentError, PlatformError } from '@fleetcast/core';
import type { HttpTransport } from '@fleetcast/core/adapter-kit';
import { type LegacyLoginOut, legacyLoginPath } from './legacy-api.js';
import { legacyFailure } from './legacy-errors.js';

/** Hands out the bearer token; `invalidate` forces the next call to log in again. */
export interface LegacyAccessToken {
  get(signal?: AbortSignal): Promise<string>;
  /**
   * Forgets `rejected`, the token the platform refused, so the next `get` logs in again. A token already
   * replaced (another call was refused with it first) is left alone: calls refused together share one
   * re-login instead of logging in once each. Without an argument, forgets whatever token is held.
   */
  invalidate(rejected?: string): void;
  /** Every token and secret currently known, for redaction. */
  secrets(): string[];
}

/** Renew this long before the platform says the token expires, so a request never races expiry. */
const expiryMarginMs = 60_000;

/**
 * Caches one token. With a `secret`, logs in at `/iocm/app/sec/v1.1.0/login` (form-encoded `appId` and
 * `secret`); concurrent callers share one login. With a provider, asks it and passes `expired: true`
 * after an invalidation.
 */
export function createLegacyAccessToken(options: {
  transport: HttpTransport;
  appId: string;
  secret?: string;
  provider?: (request: { expired: boolean }) => string | Promise<string>;
  now?: () => number;
}): LegacyAccessToken {
  const now = options.now ?? Date.now;
  if (options.secret === undefined && options.provider === undefined) {
    throw new AdapterArgumentError('secret', 'createLegacyAdapter needs either `secret` or `accessToken`');
  }
  let token: string | undefined;
  let expiresAt = 0;
  let pending: Promise<string> | undefined;
  let expired = false;
  const known = new Set<string>();

  async function login(): Promise<string> {
    if (options.provider) {
      const provided = await options.provider({ expired });
      expired = false;
      known.add(provided);
      token = provided;
      expiresAt = Number.POSITIVE_INFINITY;
      return provided;
    }
    const form = new URLSearchParams({ appId: options.appId, secret: options.secret ?? '' });
    const response = await options.transport.send({
      method: 'POST',
      path: legacyLoginPath,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const failure = legacyFailure(response, 'login', [options.secret, options.appId, ...known]);
    if (failure) throw failure;
    const body = response.body as Partial<LegacyLoginOut> | undefined;
    if (typeof body?.accessToken !== 'string' || body.accessToken === '') {
      throw new PlatformError({
        kind: 'auth',
        message: `legacy: login answered HTTP ${response.status} without an accessToken`,
        httpStatus: response.status,
        adapter: 'legacy',
      });
    }
    known.add(body.accessToken);
    if (typeof body.refreshToken === 'string') known.add(body.refreshToken);
    token = body.accessToken;
    const lifetimeMs = (typeof body.expiresIn === 'number' ? body.expiresIn : 3600) * 1000;
    expiresAt = now() + Math.max(0, lifetimeMs - expiryMarginMs);
    return token;
  }

  return {
    async get(signal) {
      if (token !== undefined && now() < expiresAt) return token;
      signal?.throwIfAborted();
      // The shared login takes no caller's signal: one caller giving up must not fail the others. The
      // transport's own timeout bounds it; each caller races its own signal below.
      pending ??= login().finally(() => {
        pending = undefined;
      });
      return signal === undefined ? pending : raceAbort(pending, signal);
    },
    invalidate(rejected) {
      // Already replaced, or a login is under way that the next `get` joins.
      if (rejected !== undefined && rejected !== token) return;
      token = undefined;
      expiresAt = 0;
      expired = true;
    },
    secrets() {
      return [...known, ...(options.secret === undefined ? [] : [options.secret])];
    },
  };
}

/** Settles like `work`, unless `signal` aborts first: then rejects with the abort reason, as the transport does. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
