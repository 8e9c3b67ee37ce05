import { createHash, createHmac, hkdfSync } from 'node:crypto';

/** What the gateway needs to check one AK/SK signature. */
export interface SignedRequestView {
  method: string;
  /** Raw path and query as received (`/v5/iot/p/batchtasks?limit=1`). */
  rawUrl: string;
  /** Request headers, lower-case names (as Node keeps them). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer | undefined;
}

/** A parsed `Authorization` header of either AK/SK algorithm. */
export interface ParsedAuthorization {
  algorithm: 'SDK-HMAC-SHA256' | 'V11-HMAC-SHA256';
  accessKey: string;
  /** `YYYYMMDD/region/service` (derived only). */
  scope?: { date: string; region: string; service: string };
  signedHeaders: string[];
  signature: string;
}

/**
 * Parses `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` or
 * `V11-HMAC-SHA256 Credential=AK/date/region/service, SignedHeaders=…, Signature=…`; undefined otherwise.
 * Written apart from the adapter's signer on purpose: two implementations agreeing on the published
 * vectors is the check that neither drifted.
 */
export function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
  const match =
    /^(SDK-HMAC-SHA256|V11-HMAC-SHA256) (Access|Credential)=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      value ?? '',
    );
  if (!match) return undefined;
  const [, algorithm, keyword, credential, signedHeaders, signature] = match as unknown as string[];
  const signed = (signedHeaders as string).split(';');
  if (algorithm === 'SDK-HMAC-SHA256') {
    if (keyword !== 'Access') return undefined;
    return {
      algorithm,
      accessKey: credential as string,
      signedHeaders: signed,
      signature: signature as string,
    };
  }
  const parts = (credential as string).split('/');
  if (keyword !== 'Credential' || parts.length !== 4) return undefined;
  const [accessKey, date, region, service] = parts as [string, string, string, string];
  return {
    algorithm: 'V11-HMAC-SHA256',
    accessKey,
    scope: { date, region, service },
    signedHeaders: signed,
    signature: signature as string,
  };
}

/** The canonical request the gateway computes from what it received, for the signed header names. */
export function canonicalRequestOf(request: SignedRequestView, signedHeaders: readonly string[]): string {
  const question = request.rawUrl.indexOf('?');
  const path = question < 0 ? request.rawUrl : request.rawUrl.slice(0, question);
  const query = question < 0 ? '' : request.rawUrl.slice(question + 1);
  const uri = path
    .split('/')
    .map((segment) => rfc3986(unescape3986(segment)))
    .join('/');
  const pairs = query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const key = unescape3986(at < 0 ? pair : pair.slice(0, at));
      const value = at < 0 ? '' : unescape3986(pair.slice(at + 1));
      return [key, value] as const;
    })
    // Sorted as the SDKs sort: by decoded key, then by decoded value; encoded afterwards.
    .sort(([ka, va], [kb, vb]) => (ka === kb ? compare(va, vb) : compare(ka, kb)))
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const);
  const header = (name: string) => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim();
  };
  const names = [...signedHeaders].sort(compare);
  const unsigned = header('x-sdk-content-sha256') === 'UNSIGNED-PAYLOAD';
  return [
    request.method.toUpperCase(),
    uri.endsWith('/') ? uri : `${uri}/`,
    pairs.map(([key, value]) => `${key}=${value}`).join('&'),
    names.map((name) => `${name}:${header(name)}\n`).join(''),
    names.join(';'),
    unsigned ? 'UNSIGNED-PAYLOAD' : sha256(request.body ?? Buffer.alloc(0)),
  ].join('\n');
}

/** The signature the gateway expects, given the secret key of `parsed.accessKey`. */
export function expectedSignature(
  parsed: ParsedAuthorization,
  canonicalRequest: string,
  sdkDate: string,
  secretKey: string,
): string {
  const hashed = sha256(Buffer.from(canonicalRequest, 'utf8'));
  if (parsed.algorithm === 'SDK-HMAC-SHA256') {
    return hmac(secretKey, `SDK-HMAC-SHA256\n${sdkDate}\n${hashed}`);
  }
  const scope = parsed.scope as NonNullable<ParsedAuthorization['scope']>;
  const info = `${scope.date}/${scope.region}/${scope.service}`;
  const key = Buffer.from(hkdfSync('sha256', secretKey, parsed.accessKey, info, 32)).toString('hex');
  return hmac(key, `V11-HMAC-SHA256\n${sdkDate}\n${info}\n${hashed}`);
}

/** Epoch milliseconds of an `X-Sdk-Date` (`YYYYMMDDTHHMMSSZ`), or NaN. */
export function parseSdkDate(value: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function unescape3986(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}
