import {
  type CallMeter,
  createHttpTransport,
  type HttpRequestSpec,
  type HttpResponse,
  type HttpTransport,
  type MeteredCallKind,
  PlatformError,
  platformErrorFromTable,
  readPlatformFailure,
  withCallMeter,
} from '@fleetcast/core';
import { v5ErrorBodyKeys, v5ErrorTable } from './v5-errors.js';
import type { V5AdapterSettings } from './v5-settings.js';

/**
 * How a request is paced: `meter` is the caller's {@link CallMeter}; `kind` set means this request is
 * one the engine did not budget (a look-up, a further page) and draws from the meter too. A send again
 * after a token refresh always draws (kind `auth`).
 */
export interface V5Metering {
  meter?: CallMeter | undefined;
  kind?: MeteredCallKind;
}

/** Authenticated JSON calls to one IoTDA project, with one token refresh on 401/IOTDA.000004. */
export interface V5Client {
  readonly projectPath: string;
  call(
    request: HttpRequestSpec,
    operation: string,
    signal?: AbortSignal,
    metering?: V5Metering,
  ): Promise<HttpResponse>;
  get<T>(
    path: string,
    query: Record<string, string | number | undefined>,
    operation: string,
    signal?: AbortSignal,
    metering?: V5Metering,
  ): Promise<T>;
  secrets(): string[];
  close(): Promise<void>;
}

/** Builds the client the v5 adapter and directory share. */
export function createV5Client(settings: V5AdapterSettings): V5Client {
  const known = new Set<string>();
  const transport: HttpTransport = createHttpTransport({
    endpoint: settings.endpoint,
    adapter: 'v5',
    ...(settings.tls ? { tls: settings.tls } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.requestTimeoutMs === undefined ? {} : { timeoutMs: settings.requestTimeoutMs }),
    secrets: () => known,
  });
  let cached: string | undefined;
  let pending: Promise<string> | undefined;
  let expired = false;

  /**
   * The token to send. `rejected` is the token the platform just refused: it is dropped only if it is
   * still the current one, so calls refused together ask the token function once, not once each; a call
   * refused with a token already replaced simply sends the new one. Concurrent callers share one ask.
   */
  function token(rejected?: string): Promise<string> {
    const provide = settings.token;
    if (typeof provide === 'string') {
      known.add(provide);
      return Promise.resolve(provide);
    }
    if (rejected !== undefined && rejected === cached) {
      cached = undefined;
      expired = true;
    }
    if (cached !== undefined) return Promise.resolve(cached);
    pending ??= (async () => {
      const asked = expired;
      expired = false;
      const value = await provide({ expired: asked });
      known.add(value);
      cached = value;
      return value;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  async function call(
    request: HttpRequestSpec,
    operation: string,
    signal?: AbortSignal,
    metering: V5Metering = {},
  ): Promise<HttpResponse> {
    let rejected: string | undefined;
    for (let attempt = 0; ; attempt += 1) {
      const sent = await token(rejected);
      const authHeaders: Record<string, string> = { 'X-Auth-Token': sent };
      if (settings.instanceId !== undefined) authHeaders['Instance-Id'] = settings.instanceId;
      const send = () => transport.send(request, { authHeaders, ...(signal ? { signal } : {}) });
      // Each send holds its own slot only while it is under way: a resend never waits inside another.
      const kind = attempt > 0 ? 'auth' : metering.kind;
      const response =
        kind === undefined ? await send() : await withCallMeter(metering.meter, kind, signal, send);
      if (response.status >= 200 && response.status < 300) return response;
      const failure = readPlatformFailure(response, v5ErrorBodyKeys);
      const tokenRejected = response.status === 401 || failure.code === 'IOTDA.000004';
      if (tokenRejected && attempt === 0 && typeof settings.token === 'function') {
        rejected = sent;
        continue;
      }
      throw platformErrorFromTable(v5ErrorTable, failure, { adapter: 'v5', operation, secrets: known });
    }
  }

  const projectPath = `/v5/iot/${encodeURIComponent(settings.projectId)}`;
  return {
    projectPath,
    call,
    async get<T>(
      path: string,
      query: Record<string, string | number | undefined>,
      operation: string,
      signal?: AbortSignal,
      metering?: V5Metering,
    ) {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query))
        if (value !== undefined) search.set(key, String(value));
      const suffix = search.size > 0 ? `?${search}` : '';
      const response = await call(
        { method: 'GET', path: `${projectPath}${path}${suffix}`, headers: {} },
        operation,
        signal,
        metering,
      );
      if (typeof response.body !== 'object' || response.body === null) {
        throw new PlatformError({
          kind: 'server',
          message: `v5: ${operation} answered HTTP ${response.status} without a JSON body`,
          httpStatus: response.status,
          adapter: 'v5',
        });
      }
      return response.body as T;
    },
    secrets: () => [...known],
    close: () => transport.close(),
  };
}
