import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallMeterV1, CallOptionsV1, HttpRequestSpecV1 } from '@fleetcast/core';
import {
  createHttpTransport,
  type HttpResponse,
  type HttpSendOptions,
  withCallMeter,
} from '@fleetcast/core/adapter-kit';
import { createLegacyAccessToken } from './legacy-auth.js';
import { legacyFailure } from './legacy-errors.js';
import type { LegacyAdapterSettings } from './legacy-settings.js';

/**
 * Authenticated calls to one legacy application: the bearer token of a cached login on every request, one
 * re-login on 401 (or 1010005), and every failure, HTTP 200 business errors included, thrown as a
 * `PlatformError` with the secrets redacted.
 */
export interface LegacyClient {
  /** The endpoint as checked by the transport (no trailing slash). */
  readonly endpoint: string;
  /** Sends `request` for `operation` (named in errors); logins and a send again draw from `options.meter`. */
  call(request: HttpRequestSpecV1, operation: string, options?: CallOptionsV1): Promise<HttpResponse>;
  /** Releases the kept-alive connections. */
  close(): Promise<void>;
}

/** The HTTP half of `createLegacyAdapter`: transport, login and the retry after a refused token. */
export function createLegacyClient(settings: LegacyAdapterSettings): LegacyClient {
  let secrets: () => string[] = () => [];
  const transport = createHttpTransport({
    // `baseUrl` is the deprecated alias of `endpoint`; the type allows one of them, a plain-JS caller may give both.
    endpoint: settings.endpoint ?? settings.baseUrl ?? '',
    adapter: 'legacy',
    ...(settings.tls ? { tls: settings.tls } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.requestTimeoutMs === undefined ? {} : { timeoutMs: settings.requestTimeoutMs }),
    secrets: () => secrets(),
  });
  // The meter of the call that needs a login; concurrent callers share one login, paid by the first.
  const loginMeter = new AsyncLocalStorage<CallMeterV1 | undefined>();
  const loginTransport = {
    ...transport,
    send: (request: HttpRequestSpecV1, sendOptions?: HttpSendOptions) =>
      withCallMeter(loginMeter.getStore(), 'auth', sendOptions?.signal, () =>
        transport.send(request, sendOptions),
      ),
  };
  const token = createLegacyAccessToken({
    transport: loginTransport,
    appId: settings.appId,
    ...(settings.secret === undefined ? {} : { secret: settings.secret }),
    ...(settings.accessToken === undefined ? {} : { provider: settings.accessToken }),
  });
  secrets = () => [...token.secrets(), settings.appId];

  /**
   * Sends with the current token; on 401 or 1010005 logs in again and retries once. Logins and the
   * second send draw from `options.meter` (kind `auth`).
   */
  async function call(
    request: HttpRequestSpecV1,
    operation: string,
    options?: CallOptionsV1,
  ): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt += 1) {
      const accessToken = await loginMeter.run(options?.meter, () => token.get(options?.signal));
      const send = () =>
        transport.send(request, {
          authHeaders: { app_key: settings.appId, Authorization: `Bearer ${accessToken}` },
          ...(options?.signal ? { signal: options.signal } : {}),
        });
      // The engine budgeted the first send; a send again after a re-login is one more request.
      const response =
        attempt === 0 ? await send() : await withCallMeter(options?.meter, 'auth', options?.signal, send);
      const failure = legacyFailure(response, operation, secrets());
      if (failure === undefined) return response;
      const tokenRejected = response.status === 401 || failure.platformCode === '1010005';
      if (tokenRejected && attempt === 0) {
        token.invalidate(accessToken);
        continue;
      }
      throw failure;
    }
  }

  return { endpoint: transport.endpoint, call, close: () => transport.close() };
}
