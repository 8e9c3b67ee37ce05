import type { Campaign, TaskPlanV1 } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { createV5Adapter } from './v5-adapter.js';
import { V5ClockSkewError } from './v5-clock-skew-error.js';
import { createV5Client } from './v5-client.js';
import type { V5AdapterSettings } from './v5-settings.js';
import { signV5Request, type V5SigningAlgorithm } from './v5-signer.js';

const keys = { accessKey: 'AKFAKE0123456789ABCD', secretKey: 'SKfake-secret-0123456789abcdefghijklmn' };
/** Everything an error shows: message, stack, own fields, and the same of its causes. */
function errorLeakText(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 5) return String(error);
  return [
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    errorLeakText(error.cause, depth + 1),
  ].join('\n');
}
const hexId = (n: number) => n.toString(16).padStart(24, '0');
const at = Date.UTC(2026, 11, 4, 1, 2, 3);

interface Received {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  /** What a gateway with these keys computes; `undefined` when the signature matched. */
  mismatch: string | undefined;
  algorithm: string;
}

/**
 * A platform that checks each request's signature as the gateway does: from the bytes it received, the
 * header names listed in `SignedHeaders` and the host of the URL, with the keys it knows.
 */
function verifyingPlatform(
  answer: (received: Received) => Response,
  options: { regionId?: string; secretKey?: string } = {},
) {
  const received: Received[] = [];
  const fetch: typeof globalThis.fetch = async (url, init) => {
    const headers = Object.fromEntries(
      Object.entries((init?.headers as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const target = new URL(String(url));
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const authorization = headers.authorization ?? '';
    const algorithm = authorization.split(' ')[0] ?? '';
    const signedNames = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
    const signed = Object.fromEntries(
      signedNames.map((name) => [name, name === 'host' ? target.host : (headers[name] ?? '')]),
    );
    const expected = signV5Request({
      method: init?.method ?? 'GET',
      url: target,
      headers: signed,
      body,
      accessKey: keys.accessKey,
      secretKey: options.secretKey ?? keys.secretKey,
      algorithm: algorithm as V5SigningAlgorithm,
      regionId: options.regionId ?? 'cn-north-4',
      service: 'iotdm',
    });
    const entry: Received = {
      method: init?.method ?? 'GET',
      url: target,
      headers,
      body,
      mismatch: expected.authorization === authorization ? undefined : expected.canonicalRequest,
      algorithm,
    };
    received.push(entry);
    if (entry.mismatch !== undefined)
      return Response.json(
        { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' },
        { status: 401 },
      );
    return answer(entry);
  };
  return { fetch, received };
}

const campaign: Campaign = {
  name: 'fw',
  target: { type: 'DeviceList', deviceIds: ['d1'] },
  operation: { type: 'firmwareUpgrade', packageIds: ['pkg'] },
};
const task: TaskPlanV1 = { kind: 'explicit', name: 'fw_0001', index: 0, deviceIds: ['d1', 'd 2'] };

function routes(received: Received): Response {
  const path = received.url.pathname;
  if (path.endsWith('/batchtasks') && received.method === 'POST')
    return Response.json({ task_id: hexId(1) }, { status: 201 });
  if (path.endsWith('/batchtasks'))
    return Response.json({ batchtasks: [{ task_id: hexId(1), task_name: 'fw_0001', status: 'Success' }] });
  if (/\/(stop|retry)$/.test(path)) return Response.json({ targets: [] });
  if (path.endsWith('/device-group'))
    return Response.json({ device_groups: [{ group_id: 'g1', name: 'my group' }], page: { count: 1 } });
  if (path.endsWith('/products')) return Response.json({ products: [] });
  if (path.includes('/device-group/')) return Response.json({ devices: [{ device_id: 'd1' }] });
  return Response.json({
    batchtask: { task_id: hexId(1), status: 'Processing' },
    task_details: [{ target: 'd1', status: 'Success' }],
  });
}

const settingsFor = (
  platform: ReturnType<typeof verifyingPlatform>,
  extra: Partial<V5AdapterSettings> = {},
): V5AdapterSettings => ({
  endpoint: 'https://iotda.cn-north-4.myhuaweicloud.com',
  projectId: 'p1',
  credentials: keys,
  fetch: platform.fetch,
  now: () => at,
  ...extra,
});

describe('v5 adapter with AK/SK', () => {
  it.each([
    ['https://iotda.cn-north-4.myhuaweicloud.com', 'SDK-HMAC-SHA256'],
    ['https://9bc34abcde.st1.iotda-app.cn-north-4.myhuaweicloud.com', 'V11-HMAC-SHA256'],
  ])('signs every kind of call to %s with %s', async (endpoint, algorithm) => {
    const platform = verifyingPlatform(routes);
    const adapter = createV5Adapter(settingsFor(platform, { endpoint, instanceId: 'inst-1' }));
    await adapter.doCreateTask({ task, operation: campaign.operation, policy: campaign.policy });
    await adapter.doGetTask({ taskId: hexId(1) });
    await adapter.doFindTaskByName!({
      name: 'fw_0001',
      operation: campaign.operation,
      policy: campaign.policy,
    });
    await adapter.doListTaskDevices!({ taskId: hexId(1), pageSize: 10 });
    await adapter.doStopTask({ taskId: hexId(1), deviceIds: ['d1'] });
    await adapter.doRetryTask({ taskId: hexId(1) });
    const groupTask: TaskPlanV1 = {
      kind: 'native',
      name: 'fw_0002',
      index: 1,
      target: { type: 'GroupList', groupNames: ['my group'] },
    };
    await adapter.doCreateTask({
      ...({ ...campaign, target: groupTask.target } as Campaign),
      task: groupTask,
    });
    for await (const _ of adapter.doOpenDirectory!({}).devices({ type: 'GroupIdList', groupIds: ['g1'] })) {
      /* every page signed */
    }
    const paths = platform.received.map((entry) => `${entry.method} ${entry.url.pathname}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /v5/iot/p1/batchtasks',
        `GET /v5/iot/p1/batchtasks/${hexId(1)}`,
        'GET /v5/iot/p1/batchtasks',
        `POST /v5/iot/p1/batchtasks/${hexId(1)}/stop`,
        `POST /v5/iot/p1/batchtasks/${hexId(1)}/retry`,
        'GET /v5/iot/p1/device-group',
        'GET /v5/iot/p1/products',
        'GET /v5/iot/p1/device-group/g1/devices',
      ]),
    );
    for (const entry of platform.received) {
      expect(entry.mismatch).toBeUndefined();
      expect(entry.algorithm).toBe(algorithm);
      expect(entry.headers).toMatchObject({
        'x-sdk-date': '20261204T010203Z',
        'x-project-id': 'p1',
        'instance-id': 'inst-1',
      });
      expect(entry.headers['x-auth-token']).toBeUndefined();
      const signedHeaders = /SignedHeaders=([^,]+)/.exec(entry.headers.authorization ?? '')?.[1] ?? '';
      expect(signedHeaders.split(';')).toEqual(
        expect.arrayContaining(['host', 'instance-id', 'x-project-id', 'x-sdk-date']),
      );
      if (entry.body !== undefined) expect(signedHeaders).toContain('content-type');
    }
    if (algorithm === 'V11-HMAC-SHA256')
      expect(platform.received[0]?.headers.authorization).toContain(
        `Credential=${keys.accessKey}/20261204/cn-north-4/iotdm,`,
      );
  });

  it('signs a query with spaces as %20, the form the gateway canonicalises', async () => {
    const platform = verifyingPlatform(routes);
    const client = createV5Client(settingsFor(platform));
    await client.get('/device-group', { name: "my group's" }, 'list device groups');
    expect(platform.received[0]?.url.search).toBe('?name=my%20group%27s');
    expect(platform.received[0]?.mismatch).toBeUndefined();
  });

  it('signs the exact bytes sent: a body that would serialise differently a second time still verifies', async () => {
    const platform = verifyingPlatform(() => Response.json({}));
    const client = createV5Client(settingsFor(platform));
    let serialised = 0;
    // Serialising this body twice (once to sign, once to send) gives two different byte strings.
    const body = { toJSON: () => ({ serialisation: ++serialised }) };
    await client.call({ method: 'POST', path: '/x', headers: {}, body }, 'test');
    expect(serialised).toBe(1);
    expect(platform.received[0]?.body).toBe('{"serialisation":1}');
    expect(platform.received[0]?.mismatch).toBeUndefined();
  });

  it('the setting forces the algorithm; derived needs a region the host does not give', async () => {
    const platform = verifyingPlatform(routes, { regionId: 'ap-southeast-1' });
    const forced = createV5Adapter(
      settingsFor(platform, { signingAlgorithm: 'V11-HMAC-SHA256', region: 'ap-southeast-1' }),
    );
    await forced.doGetTask({ taskId: hexId(1) });
    expect(platform.received[0]).toMatchObject({ algorithm: 'V11-HMAC-SHA256', mismatch: undefined });
    const plain = createV5Adapter(
      settingsFor(platform, { endpoint: 'http://127.0.0.1:9', signingAlgorithm: 'SDK-HMAC-SHA256' }),
    );
    await plain.doGetTask({ taskId: hexId(1) });
    expect(platform.received[1]).toMatchObject({ algorithm: 'SDK-HMAC-SHA256', mismatch: undefined });
    expect(() => createV5Adapter(settingsFor(platform, { endpoint: 'http://127.0.0.1:9' }))).toThrow(
      /needs a region .* "127\.0\.0\.1:9" does not name one/,
    );
  });

  it('takes a token or credentials, not both and not neither, and checks the keys', () => {
    const platform = verifyingPlatform(routes);
    expect(() => createV5Adapter(settingsFor(platform, { token: 't' }))).toThrow(/not both/);
    const { credentials: _, ...none } = settingsFor(platform);
    expect(() => createV5Adapter(none)).toThrow(/needs a token .* or credentials/);
    expect(() =>
      createV5Adapter(settingsFor(platform, { credentials: { accessKey: '', secretKey: 's' } })),
    ).toThrow(/credentials\.accessKey must be a non-empty string/);
  });

  it('sends and signs X-Security-Token, and asks a key function again once after a 401', async () => {
    const asked: boolean[] = [];
    let rotated = false;
    const platform = verifyingPlatform((received) =>
      received.headers['x-security-token'] === 'sts-token-1'
        ? Response.json({ error_code: 'APIGW.0307', error_msg: 'token expired' }, { status: 401 })
        : Response.json({ batchtask: { task_id: hexId(1), status: 'Processing' } }),
    );
    const adapter = createV5Adapter(
      settingsFor(platform, {
        credentials: ({ expired }) => {
          asked.push(expired);
          rotated = expired;
          return { ...keys, securityToken: rotated ? 'sts-token-2' : 'sts-token-1' };
        },
      }),
    );
    await expect(adapter.doGetTask({ taskId: hexId(1) })).resolves.toMatchObject({ state: 'running' });
    expect(asked).toEqual([false, true]);
    expect(platform.received.map((entry) => entry.headers['x-security-token'])).toEqual([
      'sts-token-1',
      'sts-token-2',
    ]);
    expect(platform.received.every((entry) => entry.mismatch === undefined)).toBe(true);
    expect(platform.received[1]?.headers.authorization).toMatch(/SignedHeaders=[^,]*x-security-token/);
  });

  it('reports a clock more than 15 minutes off as V5ClockSkewError naming the clock', async () => {
    const skewed = (status: number, body: unknown) => () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { date: new Date(at - 20 * 60_000).toUTCString(), 'content-type': 'application/json' },
      });
    const byCode = createV5Adapter(
      settingsFor(verifyingPlatform(skewed(401, { error_code: 'APIGW.0303', error_msg: 'expired' }))),
    );
    const error = await byCode.doGetTask({ taskId: hexId(1) }).catch((caught: unknown) => caught);
    expect(V5ClockSkewError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'FLEETCAST_V5_CLOCK_SKEW', kind: 'auth', retryable: false });
    expect((error as Error).message).toMatch(
      /this machine's clock is off by 20 minutes \(ahead of the gateway\)/,
    );
    // A bare 401 from a gateway whose Date is 20 minutes away is the same problem.
    const byDate = createV5Adapter(settingsFor(verifyingPlatform(skewed(401, {}))));
    await expect(byDate.doGetTask({ taskId: hexId(1) })).rejects.toMatchObject({
      code: 'FLEETCAST_V5_CLOCK_SKEW',
    });
    // A wrong signature with the clocks in step is an ordinary auth error.
    const wrong = createV5Adapter(settingsFor(verifyingPlatform(routes, { secretKey: 'other' })));
    await expect(wrong.doGetTask({ taskId: hexId(1) })).rejects.toMatchObject({
      code: 'FLEETCAST_PLATFORM_AUTH',
      platformCode: 'APIGW.0301',
    });
  });

  it('never lets the AK, SK, security token or signature into an error', async () => {
    const secrets: string[] = [];
    const platform = verifyingPlatform((received) => {
      secrets.push(received.headers.authorization ?? '');
      return Response.json(
        { error_code: 'IOTDA.000006', error_msg: `bad: ${JSON.stringify(received.headers)}` },
        { status: 400 },
      );
    });
    const adapter = createV5Adapter(
      settingsFor(platform, { credentials: { ...keys, securityToken: 'sts-secret-token-xyz' } }),
    );
    const error = await adapter
      .doCreateTask({ task, operation: campaign.operation, policy: campaign.policy })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'invalidInput' });
    const text = errorLeakText(error);
    const signature = /Signature=([0-9a-f]+)/.exec(secrets[0] ?? '')?.[1] ?? '';
    for (const secret of [keys.accessKey, keys.secretKey, 'sts-secret-token-xyz', signature]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(text).not.toContain(secret);
    }
    expect(JSON.stringify(adapter.buildCreateRequest(task, campaign))).not.toMatch(
      new RegExp(`${keys.accessKey}|${keys.secretKey}`),
    );
  });
});
