import { createHash, createHmac, hkdfSync } from 'node:crypto';

/** The two AK/SK algorithms of Huawei's SDKs: plain, and derived per day, region and service. */
export type V5SigningAlgorithm = 'SDK-HMAC-SHA256' | 'V11-HMAC-SHA256';

/** The body hash the SDKs send (as `X-Sdk-Content-Sha256`) for a body they do not hash (multipart). */
export const v5UnsignedPayload = 'UNSIGNED-PAYLOAD';

/** What {@link signV5Request} signs. */
export interface V5SignInput {
  method: string;
  /** The full URL as sent: path and query exactly as on the wire. */
  url: string | URL;
  /**
   * Every header to sign, with `X-Sdk-Date` among them (`YYYYMMDDTHHMMSSZ`). Names in any case; the
   * SDKs sign every header they send. `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` replaces the body hash.
   */
  headers: Readonly<Record<string, string>>;
  /** The exact bytes sent (a string is hashed as UTF-8). Hash what you send, never a re-serialisation. */
  body?: string | Uint8Array | undefined;
  accessKey: string;
  secretKey: string;
  /** Default `SDK-HMAC-SHA256`. */
  algorithm?: V5SigningAlgorithm;
  /** Region ID, for the derived algorithm (`cn-north-4`). */
  regionId?: string;
  /** Service name, for the derived algorithm; IoTDA's is `iotdm`. */
  service?: string;
}

/** A signature and the intermediate strings (for debugging; the canonical request holds no secret). */
export interface V5Signature {
  /** The `Authorization` header value. Holds the signature: treat as a secret. */
  authorization: string;
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  /** Hex HMAC-SHA256. */
  signature: string;
  /** `YYYYMMDD/region/service` for the derived algorithm. */
  credentialScope?: string;
}

/** IoTDA's derived-signing service name (the IoTDA client's `withDerivedAuthServiceName("iotdm")`). */
export const v5DerivedServiceName = 'iotdm';

// The Huawei SDKs' `getDefaultDerivedPredicate`: region endpoints match; anything else signs derived.
const regionHostPattern =
  /^[a-z][a-z0-9-]+(\.[a-z]{2,}-[a-z]+-\d{1,2})?\.(my)?(huaweicloud|myhwclouds).(com|cn)$/;

/**
 * The algorithm Huawei's SDKs choose for a host: plain `SDK-HMAC-SHA256` for region endpoints
 * (`iotda.cn-north-4.myhuaweicloud.com`), derived `V11-HMAC-SHA256` for anything else, such as the
 * instance endpoints of standard and enterprise editions (`<id>.st1.iotda-app.cn-north-4.myhuaweicloud.com`).
 */
export function v5SigningAlgorithmForHost(host: string): V5SigningAlgorithm {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return regionHostPattern.test(name) ? 'SDK-HMAC-SHA256' : 'V11-HMAC-SHA256';
}

/**
 * Signs one request as Huawei's SDKs do (AKSKSigner / DerivedAKSKSigner): canonical request of method,
 * canonical URI (each segment percent-encoded, trailing `/`), sorted canonical query, canonical headers
 * (each line ending in `\n`), signed header names and the hex SHA-256 of the body; then HMAC-SHA256 with the
 * SK (plain) or with the hex HKDF-SHA256 key derived from SK, AK and `date/region/service` (derived).
 *
 * @example
 * const { authorization } = signV5Request({ method: 'GET', url, headers: { 'X-Sdk-Date': sdkDate(new Date()), host }, accessKey, secretKey });
 */
export function signV5Request(input: V5SignInput): V5Signature {
  const algorithm = input.algorithm ?? 'SDK-HMAC-SHA256';
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers)) headers.set(name.toLowerCase(), value.trim());
  const date = headers.get('x-sdk-date');
  if (date === undefined || !/^\d{8}T\d{6}Z$/.test(date)) {
    throw new TypeError('signV5Request needs an X-Sdk-Date header of the form YYYYMMDDTHHMMSSZ');
  }
  const url = typeof input.url === 'string' ? new URL(input.url) : input.url;
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(';');
  const payloadHash =
    headers.get('x-sdk-content-sha256') === v5UnsignedPayload
      ? v5UnsignedPayload
      : sha256Hex(input.body ?? '');
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    names.map((name) => `${name}:${headers.get(name)}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const requestHash = sha256Hex(canonicalRequest);
  if (algorithm === 'SDK-HMAC-SHA256') {
    const stringToSign = `${algorithm}\n${date}\n${requestHash}`;
    const signature = hmacHex(input.secretKey, stringToSign);
    return {
      authorization: `${algorithm} Access=${input.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
      canonicalRequest,
      stringToSign,
      signedHeaders,
      signature,
    };
  }
  if (!input.regionId || !input.service) {
    throw new TypeError('signV5Request needs regionId and service for V11-HMAC-SHA256');
  }
  const credentialScope = `${date.slice(0, 8)}/${input.regionId}/${input.service}`;
  const derivedKey = Buffer.from(
    hkdfSync('sha256', input.secretKey, input.accessKey, credentialScope, 32),
  ).toString('hex');
  const stringToSign = `${algorithm}\n${date}\n${credentialScope}\n${requestHash}`;
  const signature = hmacHex(derivedKey, stringToSign);
  return {
    authorization: `${algorithm} Credential=${input.accessKey}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    canonicalRequest,
    stringToSign,
    signedHeaders,
    signature,
    credentialScope,
  };
}

/** `X-Sdk-Date` of an instant: UTC `YYYYMMDDTHHMMSSZ`. */
export function v5SdkDate(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** RFC 3986 percent-encoding: only `A–Z a–z 0–9 - _ . ~` stay, as in the SDKs' `urlEncode`. */
export function v5PercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalUri(pathname: string): string {
  const path = pathname
    .split('/')
    .map((segment) => v5PercentEncode(safeDecode(segment)))
    .join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

function canonicalQuery(search: string): string {
  const byKey = new Map<string, string[]>();
  if (search.length > 1) {
    for (const pair of search.slice(1).split('&')) {
      if (pair === '') continue;
      const equals = pair.indexOf('=');
      const key = safeDecode(equals < 0 ? pair : pair.slice(0, equals));
      const value = equals < 0 ? '' : safeDecode(pair.slice(equals + 1));
      const values = byKey.get(key) ?? [];
      values.push(value);
      byKey.set(key, values);
    }
  }
  const keys = [...byKey.keys()].sort();
  return keys
    .flatMap((key) =>
      (byKey.get(key) ?? []).sort().map((value) => `${v5PercentEncode(key)}=${v5PercentEncode(value)}`),
    )
    .join('&');
}

// The SDKs unquote before they encode; a malformed escape is signed as written.
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmacHex(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}
