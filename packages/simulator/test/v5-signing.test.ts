import { describe, expect, it } from 'vitest';
import type { Simulator } from '../src/index.js';
import {
  canonicalRequestOf,
  expectedSignature,
  parseAuthorization,
  type ParsedAuthorization,
} from '../src/v5/v5-signature.js';
import { call } from './__test-helpers__/sim-client.js';
import { useV5Fixture } from './__test-helpers__/v5-fixture.js';

// The gateway side checks the same published vectors as the adapter's signer
// (/work/shared/reference/iotda-auth-and-endpoints.md §1), from its own implementation.
describe('the simulator gateway reproduces the published vectors', () => {
  const view = (method: string, rawUrl: string, headers: Record<string, string>, body = '') => ({
    method,
    rawUrl,
    headers,
    body: Buffer.from(body),
  });
  const check = (authorization: string, request: ReturnType<typeof view>, secretKey: string) => {
    const parsed = parseAuthorization(authorization) as ParsedAuthorization;
    // The parse keeps the header's own fields: the algorithm, the signed header names, the signature.
    expect(parsed).toMatchObject({
      algorithm: authorization.split(' ')[0],
      signedHeaders: /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';'),
      signature: /Signature=([0-9a-f]{64})$/.exec(authorization)?.[1],
    });
    const canonical = canonicalRequestOf(request, parsed.signedHeaders);
    const date = String(request.headers['x-sdk-date']);
    return expectedSignature(parsed, canonical, date, secretKey) === parsed.signature;
  };

  it('V1 (API Gateway docs)', () => {
    const request = view(
      'GET',
      '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
      {
        'content-type': 'application/json',
        host: 'service.region.example.com',
        'x-sdk-date': '20191115T033655Z',
      },
    );
    const authorization =
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe';
    expect(check(authorization, request, 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc')).toBe(true);
    expect(check(authorization, request, 'another secret')).toBe(false);
  });

  const date = { 'x-sdk-date': '20060102T150405Z' };
  const body = '{"Name":"test","Id":1}\n';
  it.each([
    [
      'V2',
      'GET',
      '/path?limit=1',
      '',
      'SDK-HMAC-SHA256 Access=AccessKey',
      '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    ],
    [
      'V3',
      'POST',
      '/path?key=value',
      body,
      'SDK-HMAC-SHA256 Access=AccessKey',
      'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59',
    ],
    [
      'V4',
      'GET',
      '/path?limit=1',
      '',
      'V11-HMAC-SHA256 Credential=AccessKey/20060102/test-region-1/demo',
      '8fd3610508884bb19718317797c7378716a94bc740d97502e569322e366341cc',
    ],
    [
      'V5',
      'POST',
      '/path?key=value',
      body,
      'V11-HMAC-SHA256 Credential=AccessKey/20060102/test-region-1/demo',
      '4112f88b92d82dd1e1b7dd142f1e99e4f1762c42ca8fe0968b3045120870a903',
    ],
  ])('%s (Go SDK)', (_, method, url, payload, prefix, signature) => {
    const authorization = `${prefix}, SignedHeaders=x-sdk-date, Signature=${signature}`;
    expect(check(authorization, view(method, url, date, payload), 'SecretKey')).toBe(true);
  });
});

/** Signs a request for the simulator with the gateway's own functions (vector-checked above). */
function signed(
  sim: Simulator,
  options: {
    method: string;
    path: string;
    body?: string;
    algorithm?: 'SDK-HMAC-SHA256' | 'V11-HMAC-SHA256';
    at?: Date;
    keys?: { accessKey: string; secretKey: string; securityToken?: string };
    region?: string;
  },
): Record<string, string> {
  const keys: { accessKey: string; secretKey: string; securityToken?: string } =
    options.keys ?? sim.credentials.v5;
  const sdkDate = `${(options.at ?? new Date()).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
  const headers: Record<string, string> = {
    host: new URL(sim.url).host,
    'x-sdk-date': sdkDate,
    'x-project-id': sim.credentials.v5.projectId,
    ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(keys.securityToken ? { 'x-security-token': keys.securityToken } : {}),
  };
  const names = Object.keys(headers).sort();
  const algorithm = options.algorithm ?? 'SDK-HMAC-SHA256';
  const scope =
    algorithm === 'V11-HMAC-SHA256'
      ? { date: sdkDate.slice(0, 8), region: options.region ?? 'cn-north-4', service: 'iotdm' }
      : undefined;
  const parsed: ParsedAuthorization = {
    algorithm,
    accessKey: keys.accessKey,
    signedHeaders: names,
    signature: '',
    ...(scope ? { scope } : {}),
  };
  const canonical = canonicalRequestOf(
    { method: options.method, rawUrl: options.path, headers, body: Buffer.from(options.body ?? '') },
    names,
  );
  const signature = expectedSignature(parsed, canonical, sdkDate, keys.secretKey);
  const credential = scope
    ? `Credential=${keys.accessKey}/${scope.date}/${scope.region}/${scope.service}`
    : `Access=${keys.accessKey}`;
  const { host: _, ...sent } = headers;
  return {
    ...sent,
    Authorization: `${algorithm} ${credential}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

const v5 = useV5Fixture();

describe('v5 AK/SK signatures on the simulator', () => {
  const listPath = () =>
    `/v5/iot/${v5.sim.credentials.v5.projectId}/batchtasks?task_type=firmwareUpgrade&limit=5`;

  it.each(['SDK-HMAC-SHA256', 'V11-HMAC-SHA256'] as const)(
    'accepts a right %s signature',
    async (algorithm) => {
      const headers = signed(v5.sim, { method: 'GET', path: listPath(), algorithm });
      expect((await call(v5.sim, 'GET', listPath(), { headers })).status).toBe(200);
    },
  );

  it('accepts a signed create: the hash covers the exact body bytes', async () => {
    const path = `/v5/iot/${v5.sim.credentials.v5.projectId}/batchtasks`;
    const rawBody = JSON.stringify({
      task_name: 'Signed_1',
      task_type: 'firmwareUpgrade',
      targets: v5.ids(2),
      document: { package_ids: ['32822e5744a45ede319d2c50'] },
    });
    const headers = signed(v5.sim, { method: 'POST', path, body: rawBody });
    expect((await call(v5.sim, 'POST', path, { headers, rawBody })).status).toBe(201);
    // The same signature over bytes serialised again with a space: refused.
    const reserialised = JSON.stringify(JSON.parse(rawBody), null, 1);
    const refused = await call(v5.sim, 'POST', path, { headers, rawBody: reserialised });
    expect(refused).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
  });

  it('refuses a wrong signature with 401 APIGW.0301 showing the canonical request it computed', async () => {
    const headers = signed(v5.sim, {
      method: 'GET',
      path: listPath(),
      keys: { accessKey: v5.sim.credentials.v5.accessKey, secretKey: 'not the secret key' },
    });
    const answer = await call<{ error_code: string; error_msg: string }>(v5.sim, 'GET', listPath(), {
      headers,
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error_code).toBe('APIGW.0301');
    expect(answer.body.error_msg).toContain(
      JSON.stringify(
        `GET\n/v5/iot/${v5.sim.credentials.v5.projectId}/batchtasks/\nlimit=5&task_type=firmwareUpgrade\n`,
      ).slice(0, -1),
    );
    expect(answer.body.error_msg).not.toContain(v5.sim.credentials.v5.secretKey);
    // An unknown access key, a tampered query and a derived scope of another region are refused too.
    const unknown = signed(v5.sim, {
      method: 'GET',
      path: listPath(),
      keys: { accessKey: 'NOPE', secretKey: 's' },
    });
    expect((await call(v5.sim, 'GET', listPath(), { headers: unknown })).status).toBe(401);
    const good = signed(v5.sim, { method: 'GET', path: listPath() });
    expect((await call(v5.sim, 'GET', `${listPath()}0`, { headers: good })).status).toBe(401);
    const region = signed(v5.sim, {
      method: 'GET',
      path: listPath(),
      algorithm: 'V11-HMAC-SHA256',
      region: 'af-south-1',
    });
    const wrongRegion = await call(v5.sim, 'GET', listPath(), { headers: region });
    expect(wrongRegion).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
    expect(String(wrongRegion.body.error_msg)).toMatch(/cn-north-4\/iotdm, got .*af-south-1/);
  });

  it('refuses an X-Sdk-Date more than 15 minutes off with 401 APIGW.0303', async () => {
    for (const minutes of [16, -16]) {
      const at = new Date(Date.now() + minutes * 60_000);
      const headers = signed(v5.sim, { method: 'GET', path: listPath(), at });
      const answer = await call(v5.sim, 'GET', listPath(), { headers });
      expect(answer).toMatchObject({ status: 401, body: { error_code: 'APIGW.0303' } });
    }
    const nearly = signed(v5.sim, {
      method: 'GET',
      path: listPath(),
      at: new Date(Date.now() - 14 * 60_000),
    });
    expect((await call(v5.sim, 'GET', listPath(), { headers: nearly })).status).toBe(200);
  });

  it('accepts temporary keys only with their signed X-Security-Token', async () => {
    const temporary = v5.sim.credentials.v5.temporary;
    const good = signed(v5.sim, { method: 'GET', path: listPath(), keys: temporary });
    expect((await call(v5.sim, 'GET', listPath(), { headers: good })).status).toBe(200);
    const without = signed(v5.sim, {
      method: 'GET',
      path: listPath(),
      keys: { accessKey: temporary.accessKey, secretKey: temporary.secretKey },
    });
    const answer = await call(v5.sim, 'GET', listPath(), { headers: without });
    expect(answer).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
    expect(String((answer.body as { error_msg: string }).error_msg)).toMatch(/security token/);
  });

  it('accepts only the configured algorithm when told to (an instance endpoint needs derived)', async () => {
    v5.sim.configure({ v5Signing: 'V11-HMAC-SHA256' });
    const plain = signed(v5.sim, { method: 'GET', path: listPath() });
    const answer = await call(v5.sim, 'GET', listPath(), { headers: plain });
    expect(answer).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
    const derived = signed(v5.sim, { method: 'GET', path: listPath(), algorithm: 'V11-HMAC-SHA256' });
    expect((await call(v5.sim, 'GET', listPath(), { headers: derived })).status).toBe(200);
    v5.sim.configure({ v5Signing: 'any' });
  });
});
