import { AdapterArgumentError } from '@fleetcast/core';
import type { V5AccessKeyCredentials, V5AdapterSettings } from './v5-settings.js';
import {
  signV5Request,
  v5DerivedServiceName,
  v5SdkDate,
  type V5SigningAlgorithm,
  v5SigningAlgorithmForHost,
} from './v5-signer.js';

/** One request as the transport will send it: the body is the exact string that goes on the wire. */
export interface V5OutgoingRequest {
  method: string;
  url: URL;
  headers: Readonly<Record<string, string>>;
  body: string | undefined;
}

/** The headers that authenticate one request, and the credential they came from. */
export interface V5AuthHeaders {
  headers: Record<string, string>;
  /** Pass back as `rejected` when the platform refused it, so a function source is asked again. */
  credential: unknown;
}

/** How every v5 request is authenticated: an IAM token, or an AK/SK signature. */
export interface V5RequestAuth {
  readonly scheme: 'token' | 'aksk';
  /** A function source: a refused credential can be renewed once. */
  readonly renewable: boolean;
  headersFor(request: V5OutgoingRequest, rejected?: unknown): Promise<V5AuthHeaders>;
}

/**
 * Builds the request authentication of the settings. Every secret it handles (token, SK, AK, security
 * token, signature) is added to `known`, which the transport and the error table scrub from messages.
 */
export function createV5RequestAuth(settings: V5AdapterSettings, known: Set<string>): V5RequestAuth {
  const hasToken = settings.token !== undefined && settings.token !== '';
  if (hasToken === (settings.credentials !== undefined)) {
    throw new AdapterArgumentError(
      hasToken ? 'credentials' : 'token',
      hasToken
        ? 'createV5Adapter takes a token or credentials (AK/SK), not both'
        : 'createV5Adapter needs a token (a string or a function that returns one) or credentials ({ accessKey, secretKey, securityToken? } or a function that returns them)',
    );
  }
  if (hasToken) {
    const provide = settings.token as NonNullable<V5AdapterSettings['token']>;
    const source = renewableSource(provide, (value) => known.add(value));
    return {
      scheme: 'token',
      renewable: typeof provide === 'function',
      async headersFor(_request, rejected) {
        const token = await source(rejected);
        return { headers: { 'X-Auth-Token': token }, credential: token };
      },
    };
  }
  const provide = settings.credentials as NonNullable<V5AdapterSettings['credentials']>;
  if (typeof provide !== 'function') checkKeys(provide, 'credentials');
  const host = new URL(settings.endpoint).host;
  const algorithm: V5SigningAlgorithm =
    settings.signingAlgorithm === undefined || settings.signingAlgorithm === 'auto'
      ? v5SigningAlgorithmForHost(host)
      : settings.signingAlgorithm;
  const regionId = settings.region ?? v5RegionOfHost(host);
  if (algorithm === 'V11-HMAC-SHA256' && regionId === undefined) {
    throw new AdapterArgumentError(
      'region',
      `createV5Adapter needs a region (e.g. "cn-north-4") for derived V11-HMAC-SHA256 signing: the endpoint host ${JSON.stringify(host)} does not name one`,
    );
  }
  const now = settings.now ?? Date.now;
  const source = renewableSource(provide, (keys) => {
    checkKeys(keys, 'credentials()');
    for (const secret of [keys.accessKey, keys.secretKey, keys.securityToken]) if (secret) known.add(secret);
  });
  return {
    scheme: 'aksk',
    renewable: typeof provide === 'function',
    async headersFor(request, rejected) {
      const keys = await source(rejected);
      // The SDKs add these before signing and sign every header they send; `host` is signed as the
      // HTTP layer sends it (from the endpoint, with a non-default port).
      const signed: Record<string, string> = {
        ...request.headers,
        'X-Sdk-Date': v5SdkDate(new Date(now())),
        'X-Project-Id': settings.projectId,
        ...(keys.securityToken ? { 'X-Security-Token': keys.securityToken } : {}),
      };
      const signature = signV5Request({
        method: request.method,
        url: request.url,
        headers: { ...signed, host: request.url.host },
        body: request.body,
        accessKey: keys.accessKey,
        secretKey: keys.secretKey,
        algorithm,
        ...(regionId === undefined ? {} : { regionId }),
        service: v5DerivedServiceName,
      });
      known.add(signature.signature);
      known.add(signature.authorization);
      return { headers: { ...signed, Authorization: signature.authorization }, credential: keys };
    },
  };
}

/** The region ID in a Huawei Cloud host: `iotda.{region}.myhuaweicloud.com`, `….iotda-app.{region}.…`. */
export function v5RegionOfHost(host: string): string | undefined {
  return /(?:^|\.)([a-z]{2,}-[a-z]+-\d{1,2})\.(?:my)?(?:huaweicloud|myhwclouds)\.(?:com|cn)(?::\d+)?$/.exec(
    host.toLowerCase(),
  )?.[1];
}

function checkKeys(keys: V5AccessKeyCredentials, field: string): void {
  for (const key of ['accessKey', 'secretKey'] as const) {
    if (typeof keys?.[key] !== 'string' || keys[key] === '') {
      throw new AdapterArgumentError(`${field}.${key}`, `${field}.${key} must be a non-empty string`);
    }
  }
}

/**
 * A fixed value, or a function asked once and again (with `{ expired: true }`) when the platform refused
 * the current value. `rejected` is dropped only if it is still the current one, so calls refused together
 * ask the function once, not once each; concurrent callers share one ask.
 */
function renewableSource<T>(
  provide: T | ((request: { expired: boolean }) => T | Promise<T>),
  remember: (value: T) => void,
): (rejected?: unknown) => Promise<T> {
  if (typeof provide !== 'function') {
    remember(provide);
    return () => Promise.resolve(provide);
  }
  const ask = provide as (request: { expired: boolean }) => T | Promise<T>;
  let cached: T | undefined;
  let pending: Promise<T> | undefined;
  let expired = false;
  return (rejected) => {
    if (rejected !== undefined && rejected === cached) {
      cached = undefined;
      expired = true;
    }
    if (cached !== undefined) return Promise.resolve(cached);
    pending ??= (async () => {
      const asked = expired;
      expired = false;
      const value = await ask({ expired: asked });
      remember(value);
      cached = value;
      return value;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
