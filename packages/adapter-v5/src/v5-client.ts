import {
  type CallMeterV1,
  type HttpRequestSpecV1,
  type MeteredCallKindV1,
  PlatformError,
} from '@fleetcast/core';
import {
  createHttpTransport,
  type HttpResponse,
  type HttpTransport,
  platformErrorFromTable,
  readPlatformFailure,
  serialiseRequestBody,
  withCallMeter,
} from '@fleetcast/core/adapter-kit';
import { V5ClockSkewError, v5MaxClockSkewMs } from './v5-clock-skew-error.js';
import { v5ErrorBodyKeys, v5ErrorTable } from './v5-errors.js';
import { createV5RequestAuth } from './v5-auth.js';
import type { V5AdapterSettings } from './v5-settings.js';
import { v5PercentEncode } from './v5-signer.js';

/**
 * How a request is paced: `meter` is the caller's {@link CallMeterV1}; `kind` set means this request is
 * one the engine did not budget (a look-up, a further page) and draws from the meter too. A send again
 * after a token refresh always draws (kind `auth`).
 */
export interface V5Metering {
  meter?: CallMeterV1 | undefined;
  kind?: MeteredCallKindV1;
}

/**
 * Authenticated JSON calls to one IoTDA project: an IAM token or an AK/SK signature on every request,
 * one renewal of a function's token or keys on 401 (or IOTDA.000004), and a clock more than 15 minutes off
 * the gateway's reported as {@link V5ClockSkewError}.
 */
export interface V5Client {
  readonly projectPath: string;
  /** The endpoint as checked by the transport (no trailing slash). */
  readonly endpoint: string;
  call(
    request: HttpRequestSpecV1,
    operation: string,
    signal?: AbortSignal,
    metering?: V5Metering,
    emptyArrays?: string,
  ): Promise<HttpResponse>;
  /** `emptyArrays`: a member whose arrays the answer is read without (see `HttpSendOptions.emptyArrays`). */
  get<T>(
    path: string,
    query: Record<string, string | number | undefined>,
    operation: string,
    signal?: AbortSignal,
    metering?: V5Metering,
    emptyArrays?: string,
  ): Promise<T>;
  secrets(): string[];
  close(): Promise<void>;
}

/** Builds the client the v5 adapter and directory share. */
export function createV5Client(settings: V5AdapterSettings): V5Client {
  const known = new Set<string>();
  const auth = createV5RequestAuth(settings, known);
  const transport: HttpTransport = createHttpTransport({
    endpoint: settings.endpoint,
    adapter: 'v5',
    ...(settings.tls ? { tls: settings.tls } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.requestTimeoutMs === undefined ? {} : { timeoutMs: settings.requestTimeoutMs }),
    secrets: () => known,
  });
  const now = settings.now ?? Date.now;

  async function call(
    request: HttpRequestSpecV1,
    operation: string,
    signal?: AbortSignal,
    metering: V5Metering = {},
    emptyArrays?: string,
  ): Promise<HttpResponse> {
    // Serialised once: these bytes are both signed and sent (a second serialisation could differ).
    const body =
      request.body === undefined
        ? undefined
        : typeof request.body === 'string'
          ? request.body
          : serialiseRequestBody(request, 'v5');
    const headers: Record<string, string> = { ...request.headers };
    if (settings.instanceId !== undefined) headers['Instance-Id'] = settings.instanceId;
    if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
    const sent: HttpRequestSpecV1 = { ...request, headers, ...(body === undefined ? {} : { body }) };
    const url = new URL(transport.endpoint + request.path);
    let rejected: unknown;
    for (let attempt = 0; ; attempt += 1) {
      const { headers: authHeaders, credential } = await auth.headersFor(
        { method: request.method, url, headers, body },
        rejected,
      );
      const send = () =>
        transport.send(sent, {
          authHeaders,
          ...(signal ? { signal } : {}),
          ...(emptyArrays === undefined ? {} : { emptyArrays }),
        });
      // Each send holds its own slot only while it is under way: a resend never waits inside another.
      const kind = attempt > 0 ? 'auth' : metering.kind;
      const response =
        kind === undefined ? await send() : await withCallMeter(metering.meter, kind, signal, send);
      if (response.status >= 200 && response.status < 300) return response;
      const failure = readPlatformFailure(response, v5ErrorBodyKeys);
      if (auth.scheme === 'aksk' && response.status === 401) {
        const skewMs = clockSkewMs(response, now());
        const skewCode = failure.code === 'APIGW.0303' || failure.code === 'APIG.0303';
        if (skewCode || (skewMs !== undefined && Math.abs(skewMs) > v5MaxClockSkewMs)) {
          throw new V5ClockSkewError({
            httpStatus: response.status,
            ...(failure.code === undefined ? {} : { platformCode: failure.code }),
            ...(skewMs === undefined ? {} : { skewMs }),
            operation,
          });
        }
      }
      const credentialRejected = response.status === 401 || failure.code === 'IOTDA.000004';
      if (credentialRejected && attempt === 0 && auth.renewable) {
        rejected = credential;
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
      emptyArrays?: string,
    ) {
      // RFC 3986 encoding (`%20`, not `+`): the form the signature's canonical query uses.
      const search = Object.entries(query)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${v5PercentEncode(key)}=${v5PercentEncode(String(value))}`)
        .join('&');
      const suffix = search === '' ? '' : `?${search}`;
      const response = await call(
        { method: 'GET', path: `${projectPath}${path}${suffix}`, headers: {} },
        operation,
        signal,
        metering,
        emptyArrays,
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
    endpoint: transport.endpoint,
    secrets: () => [...known],
    close: () => transport.close(),
  };
}

/** Local clock minus the gateway's `Date` header, in milliseconds; undefined without a readable header. */
function clockSkewMs(response: HttpResponse, localMs: number): number | undefined {
  const date = response.headers.get('date');
  const gatewayMs = date === null ? Number.NaN : Date.parse(date);
  return Number.isNaN(gatewayMs) ? undefined : localMs - gatewayMs;
}
