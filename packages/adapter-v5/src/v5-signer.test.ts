import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signV5Request, v5SdkDate, v5SigningAlgorithmForHost } from './v5-signer.js';

// The five published vectors of /work/shared/reference/iotda-auth-and-endpoints.md §1.
describe('signV5Request reproduces the published vectors', () => {
  it('V1 (API Gateway docs): plain, with content-type and host', () => {
    const signed = signV5Request({
      method: 'GET',
      url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
      headers: {
        'Content-Type': 'application/json',
        Host: 'service.region.example.com',
        'X-Sdk-Date': '20191115T033655Z',
      },
      accessKey: 'QTWAOYTTINDUT2QVKYUC',
      secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
    });
    expect(createHash('sha256').update(signed.canonicalRequest).digest('hex')).toBe(
      'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
    );
    expect(signed.authorization).toBe(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
    // The shape the gateway shows: trailing slash on the path, an empty line before the signed headers.
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
        'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        'content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n',
        'content-type;host;x-sdk-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
  });

  const go = {
    accessKey: 'AccessKey',
    secretKey: 'SecretKey',
    headers: { 'x-sdk-date': '20060102T150405Z' },
  };
  const body = '{"Name":"test","Id":1}\n';
  const derived = { algorithm: 'V11-HMAC-SHA256', regionId: 'test-region-1', service: 'demo' } as const;

  it('V2 (Go SDK): plain GET without a body', () => {
    expect(
      signV5Request({ ...go, method: 'GET', url: 'https://example.huaweicloud.com/path?limit=1' })
        .authorization,
    ).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    );
  });

  it('V3 (Go SDK): plain POST with a body', () => {
    expect(
      signV5Request({ ...go, method: 'POST', url: 'https://example.huaweicloud.com/path?key=value', body })
        .authorization,
    ).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59',
    );
  });

  it('V4 (Go SDK): derived GET', () => {
    expect(
      signV5Request({ ...go, ...derived, method: 'GET', url: 'https://example.huaweicloud.com/path?limit=1' })
        .authorization,
    ).toBe(
      'V11-HMAC-SHA256 Credential=AccessKey/20060102/test-region-1/demo, SignedHeaders=x-sdk-date, Signature=8fd3610508884bb19718317797c7378716a94bc740d97502e569322e366341cc',
    );
  });

  it('V5 (Go SDK): derived POST with a body; the same bytes as a Uint8Array sign the same', () => {
    const input = {
      ...go,
      ...derived,
      method: 'POST',
      url: 'https://example.huaweicloud.com/path?key=value',
    };
    const expected =
      'V11-HMAC-SHA256 Credential=AccessKey/20060102/test-region-1/demo, SignedHeaders=x-sdk-date, Signature=4112f88b92d82dd1e1b7dd142f1e99e4f1762c42ca8fe0968b3045120870a903';
    expect(signV5Request({ ...input, body }).authorization).toBe(expected);
    expect(signV5Request({ ...input, body: new TextEncoder().encode(body) }).authorization).toBe(expected);
    // One byte less (the trailing newline) is another signature: the hash covers the exact bytes.
    expect(signV5Request({ ...input, body: body.trimEnd() }).authorization).not.toBe(expected);
  });
});

describe('signV5Request canonical form', () => {
  it('sorts the query, one pair per value, and percent-encodes as RFC 3986', () => {
    const { canonicalRequest } = signV5Request({
      method: 'get',
      url: "https://h.example.com/v5/iot/p%201/x?b=2&a=z&a=y&name=my%20group!'",
      headers: { 'X-Sdk-Date': '20260101T000000Z' },
      accessKey: 'a',
      secretKey: 's',
    });
    const [method, uri, query] = canonicalRequest.split('\n');
    expect(method).toBe('GET');
    expect(uri).toBe('/v5/iot/p%201/x/');
    expect(query).toBe('a=y&a=z&b=2&name=my%20group%21%27');
  });

  it('a UNSIGNED-PAYLOAD header replaces the body hash', () => {
    const { canonicalRequest } = signV5Request({
      method: 'POST',
      url: 'https://h.example.com/f',
      headers: { 'X-Sdk-Date': '20260101T000000Z', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
      body: 'multipart bytes',
      accessKey: 'a',
      secretKey: 's',
    });
    expect(canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
  });

  it('refuses a missing X-Sdk-Date and a derived signature without region or service', () => {
    const base = { method: 'GET', url: 'https://h.example.com/', accessKey: 'a', secretKey: 's' };
    expect(() => signV5Request({ ...base, headers: {} })).toThrow(/X-Sdk-Date/);
    expect(() =>
      signV5Request({ ...base, headers: { 'X-Sdk-Date': '20260101T000000Z' }, algorithm: 'V11-HMAC-SHA256' }),
    ).toThrow(/regionId and service/);
  });

  it('the signature changes with every signed part (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        const sign = (value: string) =>
          signV5Request({
            method: 'POST',
            url: 'https://h.example.com/p',
            headers: { 'X-Sdk-Date': '20260101T000000Z', 'X-Project-Id': 'p' },
            body: value,
            accessKey: 'a',
            secretKey: 's',
          }).signature;
        return sign(a) !== sign(b);
      }),
      { numRuns: 200 },
    );
  });
});

describe('v5SigningAlgorithmForHost', () => {
  it('signs region endpoints plain and instance endpoints derived, as the SDKs choose', () => {
    expect(v5SigningAlgorithmForHost('iotda.cn-north-4.myhuaweicloud.com')).toBe('SDK-HMAC-SHA256');
    expect(v5SigningAlgorithmForHost('iotda.ap-southeast-1.myhuaweicloud.com:443')).toBe('SDK-HMAC-SHA256');
    expect(v5SigningAlgorithmForHost('9bc34abcde.st1.iotda-app.ap-southeast-1.myhuaweicloud.com')).toBe(
      'V11-HMAC-SHA256',
    );
    expect(v5SigningAlgorithmForHost('127.0.0.1:8080')).toBe('V11-HMAC-SHA256');
  });
});

describe('v5SdkDate', () => {
  it('formats UTC compactly', () => {
    expect(v5SdkDate(new Date('2006-01-02T15:04:05.123Z'))).toBe('20060102T150405Z');
  });
});
