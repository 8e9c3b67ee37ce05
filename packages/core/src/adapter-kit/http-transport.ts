import type { Agent } from 'undici';
import { emptyJsonArrays } from './empty-json-arrays.js';
import type { HttpRequestSpecV1 } from '../adapter/v1/http-request-spec-v1.js';
import { AdapterArgumentError } from '../errors/adapter-argument-error.js';
import { PlatformError } from '../errors/platform-error.js';
import { isLoopbackHost } from './is-loopback-host.js';
import { redactSecrets } from './redact-secrets.js';
import { serialiseRequestBody } from './serialise-request-body.js';

/** TLS material for the platform connection (the legacy platform uses two-way TLS). PEM strings or buffers. */
export interface TransportTlsOptions {
  /** Extra trusted CA certificates (the platform's CA). */
  ca?: string | Buffer | readonly (string | Buffer)[];
  /** Client certificate issued for the application. */
  cert?: string | Buffer;
  /** Private key of the client certificate. Treated as a secret. */
  key?: string | Buffer;
  /** Passphrase of `key`. Treated as a secret. */
  passphrase?: string;
}

/** Settings of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** `https://host[:port]`; plain `http` only for loopback hosts. Errors name it `endpoint`, as both adapters' settings do. */
  endpoint: string;
  /** Milliseconds before one request is abandoned as a `network` error. Default 30,000. */
  timeoutMs?: number;
  tls?: TransportTlsOptions;
  /** Replaces the built-in undici fetch (tests, proxies). TLS options are then the caller's business. */
  fetch?: typeof globalThis.fetch;
  /** Current secrets (tokens, keys) to scrub from every error message. Called lazily. */
  secrets?: () => Iterable<string | undefined>;
  /** Adapter name recorded on errors. */
  adapter?: string;
}

/** Per-call options of {@link HttpTransport.send}. */
export interface HttpSendOptions {
  /** Authentication headers, added at the last moment and never echoed anywhere. */
  authHeaders?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * A member name whose array values in the JSON answer are replaced by `[]` before the body is decoded (see
   * {@link emptyJsonArrays}): for answers that echo what the caller never reads, such as the up to 30,000
   * target IDs of a v5 task.
   */
  emptyArrays?: string;
}

/** A response with its body parsed as JSON when it is JSON, else kept as text. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends {@link HttpRequestSpecV1}s to one platform. */
export interface HttpTransport {
  /** The checked endpoint, without a trailing slash. */
  readonly endpoint: string;
  send(request: HttpRequestSpecV1, options?: HttpSendOptions): Promise<HttpResponse>;
  /** Closes kept-alive connections. */
  close(): Promise<void>;
}

const defaultTimeoutMs = 30_000;

/**
 * An HTTP client for one platform: undici with keep-alive, a timeout per request, optional client TLS,
 * JSON in and out. Failures to get any response become `PlatformError` of kind `network`; HTTP error
 * statuses are returned for the adapter's error table to interpret.
 *
 * @example
 * const transport = createHttpTransport({ endpoint: 'https://iot.example.com:8743', tls: { ca, cert, key } });
 * const response = await transport.send({ method: 'GET', path: '/iocm/app/batchtask/v1.1.0/tasks/1', headers: {} });
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const endpoint = checkEndpoint(options.endpoint);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new AdapterArgumentError(
      'timeoutMs',
      `timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`,
    );
  }
  // undici is loaded on the first request (about 18 MiB of heap): a command that only plans never pays it.
  let agent: Agent | undefined;
  let undici: Promise<typeof import('undici')> | undefined;
  const loadUndici = async () => {
    undici ??= import('undici');
    const loaded = await undici;
    // After close(), as undici's destroyed agent would.
    if (closed !== undefined && agent === undefined) throw new Error('the transport is closed');
    agent ??= new loaded.Agent({
      keepAliveTimeout: 30_000,
      connect: {
        ca: options.tls?.ca as string[] | undefined,
        cert: options.tls?.cert,
        key: options.tls?.key,
        passphrase: options.tls?.passphrase,
      },
    });
    return { fetch: loaded.fetch, agent };
  };
  const secrets = (): Iterable<string | undefined> => {
    const fromTls = [options.tls?.passphrase, stringOf(options.tls?.key)];
    return [...fromTls, ...(options.secrets?.() ?? [])];
  };

  async function send(request: HttpRequestSpecV1, sendOptions: HttpSendOptions = {}): Promise<HttpResponse> {
    const url = endpoint + request.path;
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      // JSON.stringify is one linear pass even for 30,000 IDs; never build bodies by concatenation.
      body = typeof request.body === 'string' ? request.body : serialiseRequestBody(request, options.adapter);
      if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
    }
    Object.assign(headers, sendOptions.authHeaders);
    const perRequest = AbortSignal.timeout(sendOptions.timeoutMs ?? timeoutMs);
    const signal = sendOptions.signal ? AbortSignal.any([sendOptions.signal, perRequest]) : perRequest;
    const what = `${request.method} ${request.path.split('?')[0]}`;
    let response: Response;
    try {
      // undici's fetch takes the dispatcher; a caller's fetch gets the standard init only.
      if (options.fetch)
        response = await options.fetch(url, { method: request.method, headers, body, signal });
      else {
        const loaded = await loadUndici();
        const init = { method: request.method, headers, body, signal, dispatcher: loaded.agent };
        response = (await loaded.fetch(url, init)) as unknown as Response;
      }
    } catch (error) {
      if (sendOptions.signal?.aborted) throw sendOptions.signal.reason ?? error;
      const timedOut = perRequest.aborted;
      const unreachable = timedOut ? undefined : unreachableReason(error);
      const reason = timedOut
        ? `timed out after ${sendOptions.timeoutMs ?? timeoutMs} ms`
        : unreachable !== undefined
          ? `cannot connect to ${endpoint} (${unreachable})`
          : describeNetworkError(error);
      throw new PlatformError({
        kind: 'network',
        message: redactSecrets(`${what} failed: ${reason}`, secrets()),
        adapter: options.adapter,
        ...(unreachable === undefined ? {} : { unreachable: true }),
      });
    }
    let text: string;
    try {
      text =
        sendOptions.emptyArrays === undefined
          ? await response.text()
          : emptyJsonArrays(Buffer.from(await response.arrayBuffer()), sendOptions.emptyArrays).toString(
              'utf8',
            );
    } catch (error) {
      throw new PlatformError({
        kind: 'network',
        message: redactSecrets(
          `${what}: reading the response failed: ${describeNetworkError(error)}`,
          secrets(),
        ),
        httpStatus: response.status,
        adapter: options.adapter,
      });
    }
    return { status: response.status, headers: response.headers, body: parseBody(text) };
  }

  // Memoised: a second close (a `finally` after an explicit close) must not meet undici's ClientDestroyedError.
  let closed: Promise<void> | undefined;
  return {
    endpoint,
    send,
    close() {
      // A request still loading undici may create the agent after this; close that one too.
      closed ??= Promise.resolve(undici)
        .then(() => agent?.close())
        .then(() => undefined);
      return closed;
    },
  };
}

function checkEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AdapterArgumentError('endpoint', `endpoint must be an absolute URL such as https://host:8743`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new AdapterArgumentError(
      'endpoint',
      `endpoint must use https (plain http is allowed only for loopback hosts), got ${url.protocol}//${url.host}`,
    );
  }
  if (url.username || url.password) {
    throw new AdapterArgumentError(
      'endpoint',
      'endpoint must not carry credentials; pass them as adapter settings',
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function stringOf(value: string | Buffer | undefined): string | undefined {
  return value === undefined ? undefined : value.toString();
}

/** Socket errors that mean the request never left this machine for the platform. */
const unreachableCodes: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EHOSTUNREACH: 'host unreachable',
};

/** Why the platform could not be reached at all, or `undefined` when the request may have reached it. */
function unreachableReason(error: unknown): string | undefined {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; errors?: unknown } | undefined) : undefined;
  const codes = [
    cause?.code,
    ...(Array.isArray(cause?.errors) ? cause.errors.map((inner: { code?: unknown }) => inner?.code) : []),
  ];
  for (const code of codes)
    if (typeof code === 'string' && unreachableCodes[code]) return unreachableCodes[code];
  return undefined;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
