import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { LEGACY_TASKS, call, legacyDeviceListTask, legacyHeaders } from './__test-helpers__/sim-client.js';

let sim: Simulator;
let headers: Record<string, string>;
const ids = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => sim.fleet.deviceId(from + i));

beforeAll(async () => {
  sim = await startSimulator({ devices: 3000, seed: 11, timeScale: 0 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  sim.configure({
    rateLimit: { calls: 100, windowMs: 60_000 },
    unfinishedTaskLimit: { legacy: 10 },
    failureProbability: 0,
    timeoutProbability: 0,
  });
  headers = await legacyHeaders(sim);
});

const create = (body: unknown, extraHeaders = headers) =>
  call(sim, 'POST', LEGACY_TASKS, { headers: extraHeaders, body });

describe('legacy login and refresh', () => {
  it('answers the A0 shape with expiresIn in seconds', async () => {
    const { appId, secret } = sim.credentials.legacy;
    const answer = await call(sim, 'POST', '/iocm/app/sec/v1.1.0/login', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: new URLSearchParams({ appId, secret }).toString(),
    });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual([
      'accessToken',
      'expiresIn',
      'refreshToken',
      'scope',
      'tokenType',
    ]);
    expect(answer.body.tokenType).toBe('bearer');
    expect(answer.body.expiresIn).toBe(3600);
  });

  it('refuses a wrong secret without echoing it', async () => {
    const answer = await call(sim, 'POST', '/iocm/app/sec/v1.1.0/login', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: `appId=${sim.credentials.legacy.appId}&secret=wrong-secret-value`,
    });
    expect(answer.status).toBe(401);
    expect(JSON.stringify(answer.body)).not.toContain('wrong-secret-value');
  });

  it('refreshToken swaps the pair once', async () => {
    const { appId, secret } = sim.credentials.legacy;
    const login = await call<{ refreshToken: string; accessToken: string }>(
      sim,
      'POST',
      '/iocm/app/sec/v1.1.0/login',
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        rawBody: new URLSearchParams({ appId, secret }).toString(),
      },
    );
    const refreshed = await call(sim, 'POST', '/iocm/app/sec/v1.1.0/refreshToken', {
      body: { appId, secret, refreshToken: login.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.accessToken).not.toBe(login.body.accessToken);
    const again = await call(sim, 'POST', '/iocm/app/sec/v1.1.0/refreshToken', {
      body: { appId, secret, refreshToken: login.body.refreshToken },
    });
    expect(again).toMatchObject({ status: 403, body: { error_code: '1010005' } });
  });
});

describe('legacy create', () => {
  it('answers 200 {taskID} (capital D) and records resolved targets', async () => {
    const answer = await create(legacyDeviceListTask('first', [...ids(3), 'ghost-device']));
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['taskID']);
    const task = sim.task(answer.body.taskID as string);
    expect(task?.targets).toEqual([...ids(3), 'ghost-device']);
    expect(task?.unknownTargets).toEqual(['ghost-device']);
    expect(task?.status).toBe('Pending');
  });

  it.each([
    ['malformed JSON', '{"taskName":', 'body'],
    ['a non-object body', '[1,2]', 'body'],
    [
      'a missing taskName',
      JSON.stringify({ ...legacyDeviceListTask('x', ['a']), taskName: undefined }),
      'taskName',
    ],
    ['a 257-character taskName', JSON.stringify(legacyDeviceListTask('n'.repeat(257), ['a'])), 'taskName'],
    [
      'taskType DeviceReg',
      JSON.stringify({ ...legacyDeviceListTask('x', ['a']), taskType: 'DeviceReg' }),
      'taskType',
    ],
    ['timeout 9', JSON.stringify(legacyDeviceListTask('x', ['a'], 9)), 'timeout'],
    ['timeout 2881', JSON.stringify(legacyDeviceListTask('x', ['a'], 2881)), 'timeout'],
    [
      'timeout as a string',
      JSON.stringify({ ...legacyDeviceListTask('x', ['a']), timeout: '10' }),
      'timeout',
    ],
    [
      'an unknown param.type',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        param: { type: 'Everyone', command: { serviceId: 's', method: 'm' } },
      }),
      'param.type',
    ],
    [
      'DeviceList without deviceList',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        param: { type: 'DeviceList', command: { serviceId: 's', method: 'm' } },
      }),
      'param.deviceList',
    ],
    [
      'a device ID with a space',
      JSON.stringify(legacyDeviceListTask('x', ['bad id'])),
      'param.deviceList[0]',
    ],
    [
      'DeviceType without deviceType',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        param: { type: 'DeviceType', command: { serviceId: 's', method: 'm' } },
      }),
      'param.deviceType',
    ],
    [
      'DeviceArea without deviceLocation',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        param: { type: 'DeviceArea', command: { serviceId: 's', method: 'm' } },
      }),
      'param.deviceLocation',
    ],
    [
      'GroupList without groupList',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        param: { type: 'GroupList', command: { serviceId: 's', method: 'm' } },
      }),
      'param.groupList',
    ],
    [
      'a 65-character serviceId',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        param: { type: 'Broadcast', command: { serviceId: 's'.repeat(65), method: 'm' } },
      }),
      'param.command.serviceId',
    ],
    [
      'maxRetransmit 4',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        param: { type: 'Broadcast', maxRetransmit: 4, command: { serviceId: 's', method: 'm' } },
      }),
      'param.maxRetransmit',
    ],
    [
      'a 65-character appId',
      JSON.stringify({ ...legacyDeviceListTask('x', ['a']), appId: 'a'.repeat(65) }),
      'appId',
    ],
    [
      'a 129-character command method',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        param: { type: 'Broadcast', command: { serviceId: 's', method: 'm'.repeat(129) } },
      }),
      'param.command.method',
    ],
    [
      'a callbackUrl that is not http(s)',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        param: { type: 'Broadcast', callbackUrl: 'ftp://x', command: { serviceId: 's', method: 'm' } },
      }),
      'param.callbackUrl',
    ],
    [
      'an empty GroupIdList',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        param: { type: 'GroupIdList', groupList: [], command: { serviceId: 's', method: 'm' } },
      }),
      'param.groupList',
    ],
    ['an empty deviceList', JSON.stringify(legacyDeviceListTask('x', [])), 'param.deviceList'],
    [
      'a 129-character tagName',
      JSON.stringify({
        ...legacyDeviceListTask('x', ['a']),
        tags: [{ tagName: 'n'.repeat(129), tagValue: 'v' }],
      }),
      'tags[0].tagName',
    ],
    [
      'a tag without tagValue',
      JSON.stringify({ ...legacyDeviceListTask('x', ['a']), tags: [{ tagName: 'n' }] }),
      'tags[0].tagValue',
    ],
  ])('answers 400 50400 naming the field for %s', async (_case, rawBody, field) => {
    const answer = await call(sim, 'POST', LEGACY_TASKS, {
      headers: { ...headers, 'content-type': 'application/json' },
      rawBody,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error_code).toBe('50400');
    expect(answer.body.error_desc).toContain(field);
  });

  it('answers 50400 for more than 30,000 devices and for an oversized body', async () => {
    const tooMany = await create(
      legacyDeviceListTask(
        'big',
        Array.from({ length: 30_001 }, (_, i) => `d${i}`),
      ),
    );
    expect(tooMany).toMatchObject({ status: 400, body: { error_code: '50400' } });
    expect(tooMany.body.error_desc).toContain('30000');
    const small = await startSimulator({ devices: 10, timeScale: 0, maxBodyBytes: 2048 });
    try {
      const oversized = await call(small, 'POST', LEGACY_TASKS, {
        headers: await legacyHeaders(small),
        body: legacyDeviceListTask(
          'x',
          Array.from({ length: 500 }, (_, i) => `device_${i}`),
        ),
      });
      expect(oversized).toMatchObject({ status: 400, body: { error_code: '50400' } });
    } finally {
      await small.close();
    }
  });

  it('answers 403 1010005 for a missing, wrong or expired token', async () => {
    expect(await create(legacyDeviceListTask('a', ids(1)), {})).toMatchObject({
      status: 403,
      body: { error_code: '1010005' },
    });
    expect(
      await create(legacyDeviceListTask('a', ids(1)), { ...headers, Authorization: 'Bearer nope' }),
    ).toMatchObject({ status: 403, body: { error_code: '1010005' } });
    sim.clock.advance(3_600_000);
    expect(await create(legacyDeviceListTask('a', ids(1)))).toMatchObject({
      status: 403,
      body: { error_code: '1010005' },
    });
    headers = await legacyHeaders(sim);
    expect((await create(legacyDeviceListTask('a', ids(1)))).status).toBe(200);
  });

  it('answers HTTP 200 with 105002 for a duplicate name and 105001 at the unfinished limit', async () => {
    sim.configure({ unfinishedTaskLimit: { legacy: 2 } });
    expect((await create(legacyDeviceListTask('one', ids(1)))).body).toHaveProperty('taskID');
    expect(await create(legacyDeviceListTask('one', ids(1)))).toEqual(
      expect.objectContaining({
        status: 200,
        body: { error_code: '105002', error_desc: expect.any(String) },
      }),
    );
    expect((await create(legacyDeviceListTask('two', ids(1)))).body).toHaveProperty('taskID');
    expect(await create(legacyDeviceListTask('three', ids(1)))).toMatchObject({
      status: 200,
      body: { error_code: '105001' },
    });
    sim.clock.advance(10_000); // both finish, the slots free up
    expect((await create(legacyDeviceListTask('three', ids(1)))).body).toHaveProperty('taskID');
  });

  it('answers 400 105201 when a tag pair is already used, 403 100217 for a foreign appId, 200 101001 for an unknown device type', async () => {
    const tagged = { ...legacyDeviceListTask('tagged', ids(1)), tags: [{ tagName: 'wave', tagValue: '1' }] };
    expect((await create(tagged)).status).toBe(200);
    expect(await create({ ...tagged, taskName: 'tagged2' })).toMatchObject({
      status: 400,
      body: { error_code: '105201' },
    });
    expect(await create({ ...legacyDeviceListTask('foreign', ids(1)), appId: 'someone-else' })).toMatchObject(
      { status: 403, body: { error_code: '100217' } },
    );
    const unknownType = {
      ...legacyDeviceListTask('t', []),
      param: { type: 'DeviceType', deviceType: 'Teapot', command: { serviceId: 's', method: 'm' } },
    };
    expect(await create(unknownType)).toMatchObject({ status: 200, body: { error_code: '101001' } });
  });

  it.each([
    ['GroupList', 'no such group name'],
    ['GroupIdList', '00000000-0000-4000-a000-000000000000'],
  ])('answers HTTP 200 with 101001 for a %s naming an unknown group', async (type, unknown) => {
    const known = type === 'GroupList' ? sim.fleet.groups[0]!.name : sim.fleet.groups[0]!.groupId;
    const body = (groupList: string[]) => ({
      ...legacyDeviceListTask(`groups-${type}-${groupList.length}`, []),
      param: { type, groupList, command: { serviceId: 's', method: 'm' } },
    });
    expect(await create(body([known, unknown]))).toMatchObject({
      status: 200,
      body: { error_code: '101001' },
    });
    const ok = await create(body([known]));
    expect(sim.task(ok.body.taskID as string)?.targets).toEqual(
      Array.from(sim.fleet.groups[0]!.members, (index) => sim.fleet.deviceId(index)),
    );
  });

  it('answers 403 1010009 once the app used its calls for the window, and again after the window', async () => {
    sim.configure({ rateLimit: { calls: 3, windowMs: 60_000 } });
    sim.reset();
    headers = await legacyHeaders(sim); // call 1 (login counts)
    expect((await call(sim, 'GET', `${LEGACY_TASKS}/x`, { headers })).status).toBe(404); // call 2
    expect((await call(sim, 'GET', `${LEGACY_TASKS}/x`, { headers })).status).toBe(404); // call 3
    expect(await call(sim, 'GET', `${LEGACY_TASKS}/x`, { headers })).toMatchObject({
      status: 403,
      body: { error_code: '1010009' },
    });
    sim.clock.advance(60_000);
    expect((await call(sim, 'GET', `${LEGACY_TASKS}/x`, { headers })).status).toBe(404);
  });
});
