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

describe('legacy query one and subtasks', () => {
  it('answers the QueryOneTaskOutDTO with taskId (lowercase d) and tags for select=tags (the document) or tag (the SDKs)', async () => {
    const { body } = await create({
      ...legacyDeviceListTask('q', ids(4)),
      tags: [{ tagName: 'k', tagValue: 'v' }],
    });
    const plain = await call(sim, 'GET', `${LEGACY_TASKS}/${body.taskID}`, { headers });
    expect(plain.status).toBe(200);
    expect(plain.body.taskId).toBe(body.taskID);
    expect(plain.body).not.toHaveProperty('taskID');
    expect(plain.body).not.toHaveProperty('tags');
    expect(plain.body).toMatchObject({
      status: 'Pending',
      totalCnt: 4,
      completeCnt: 0,
      progress: 0,
      timeout: 10,
      taskType: 'DeviceCmd',
    });
    expect(plain.body.startTime).toMatch(/^\d{8}T\d{6}Z$/);
    const withTags = await call(sim, 'GET', `${LEGACY_TASKS}/${body.taskID}?select=tag`, { headers });
    expect(withTags.body.tags).toEqual([{ tagName: 'k', tagValue: 'v' }]);
    // The query document's own spelling.
    const pluralSelect = await call(sim, 'GET', `${LEGACY_TASKS}/${body.taskID}?select=tags`, { headers });
    expect(pluralSelect.body.tags).toEqual([{ tagName: 'k', tagValue: 'v' }]);
    const other = await call(sim, 'GET', `${LEGACY_TASKS}/${body.taskID}?select=tagz`, { headers });
    expect(other.body).not.toHaveProperty('tags');
  });

  it("creates an authorised app's task and finds it only when every query names that app's appId", async () => {
    const authorized = sim.credentials.legacy.authorizedAppId;
    const { body } = await create({ ...legacyDeviceListTask('for-authorised', ids(2)), appId: authorized });
    expect(body.taskID).toEqual(expect.any(String));
    const withApp = await call(sim, 'GET', `${LEGACY_TASKS}/${body.taskID}?appId=${authorized}`, { headers });
    expect(withApp).toMatchObject({ status: 200, body: { appId: authorized } });
    const withoutApp = await call(sim, 'GET', `${LEGACY_TASKS}/${body.taskID}`, { headers });
    expect(withoutApp).toMatchObject({ status: 404, body: { error_code: '105005' } });
    const details = (query: string) =>
      call(sim, 'GET', `/iocm/app/batchtask/v1.1.0/taskDetails?taskId=${body.taskID}${query}`, { headers });
    expect((await details(`&appId=${authorized}`)).status).toBe(200);
    expect((await details('')).body).toMatchObject({ error_code: '105005' });
  });

  it("answers 403 100217 when a query names another app's appId", async () => {
    const { body } = await create(legacyDeviceListTask('foreign-query', ids(1)));
    const getOne = await call(sim, 'GET', `${LEGACY_TASKS}/${body.taskID}?appId=someone-else`, { headers });
    expect(getOne).toMatchObject({ status: 403, body: { error_code: '100217' } });
    const details = await call(
      sim,
      'GET',
      `/iocm/app/batchtask/v1.1.0/taskDetails?taskId=${body.taskID}&appId=someone-else`,
      { headers },
    );
    expect(details).toMatchObject({ status: 403, body: { error_code: '100217' } });
    const own = await call(
      sim,
      'GET',
      `/iocm/app/batchtask/v1.1.0/taskDetails?taskId=${body.taskID}&appId=${sim.credentials.legacy.appId}`,
      { headers },
    );
    expect(own.status).toBe(200);
  });

  it('answers 404 105005 for an unknown task', async () => {
    expect(await call(sim, 'GET', `${LEGACY_TASKS}/000000000000000000000000`, { headers })).toMatchObject({
      status: 404,
      body: { error_code: '105005' },
    });
  });

  it('moves Pending → Running → Complete with consistent counters', async () => {
    sim.configure({ deviceRatePerSecond: 10 });
    const { body } = await create(legacyDeviceListTask('life', ids(50)));
    const get = async () => (await call(sim, 'GET', `${LEGACY_TASKS}/${body.taskID}`, { headers })).body;
    expect((await get()).status).toBe('Pending');
    sim.clock.advance(1000 + 2000); // pending delay, then 2 s at 10/s
    const running = await get();
    expect(running).toMatchObject({
      status: 'Running',
      successCnt: 20,
      completeCnt: 20,
      progress: 400,
      successRate: 400,
    });
    sim.clock.advance(3000);
    expect(await get()).toMatchObject({
      status: 'Complete',
      successCnt: 50,
      completeCnt: 50,
      progress: 1000,
      successRate: 1000,
    });
  });

  it('ends in Timeout with expired subtasks when the task timeout passes first', async () => {
    sim.configure({ deviceRatePerSecond: 0.1, legacyTimeoutUnit: 'seconds' });
    const { body } = await create(legacyDeviceListTask('slow', ids(5), 10));
    sim.clock.advance(60_000);
    const view = (await call(sim, 'GET', `${LEGACY_TASKS}/${body.taskID}`, { headers })).body;
    expect(view).toMatchObject({
      status: 'Timeout',
      totalCnt: 5,
      successCnt: 1,
      timeoutCnt: 1,
      expiredCnt: 3,
      completeCnt: 2,
    });
    sim.configure({ deviceRatePerSecond: 50, legacyTimeoutUnit: 'minutes' });
  });

  it('pages taskDetails from pageNo 0 with the A3 item shape', async () => {
    sim.configure({ failureProbability: 0 });
    const { body } = await create(legacyDeviceListTask('pages', [...ids(30), 'missing-one']));
    sim.clock.advance(10_000);
    const details = (query: string) =>
      call<{ pageNo: number; pageSize: number; totalCount: number; taskDetails: Record<string, unknown>[] }>(
        sim,
        'GET',
        `/iocm/app/batchtask/v1.1.0/taskDetails?taskId=${body.taskID}${query}`,
        { headers },
      );
    const first = await details('');
    expect(first.body).toMatchObject({ pageNo: 0, pageSize: 25, totalCount: 31 });
    expect(first.body.taskDetails).toHaveLength(25);
    expect(first.body.taskDetails[0]).toMatchObject({
      status: 'Success',
      param: { deviceId: ids(1)[0], commandId: expect.any(String) },
      output: expect.any(String),
    });
    const second = await details('&pageNo=1&pageSize=25');
    expect(second.body.taskDetails).toHaveLength(6);
    const failed = await details('&status=Fail');
    expect(failed.body.totalCount).toBe(1);
    const failure = failed.body.taskDetails[0] as { error: string; param: { deviceId: string } };
    expect(failure.param.deviceId).toBe('missing-one');
    expect(Object.keys(JSON.parse(failure.error))).toEqual(['error_code', 'error_desc']);
    const one = await details(`&deviceId=${ids(1, 7)[0]}`);
    expect(one.body.totalCount).toBe(1);
  });

  it.each([
    ['', '100019'],
    ['&pageSize=251', '100022'],
    ['&pageSize=0', '100022'],
    ['&pageNo=-1', '100022'],
    ['&status=Done', '100022'],
  ])('taskDetails answers 400 %s → %s', async (query, code) => {
    const { body } = await create(legacyDeviceListTask('details-errors', ids(1)));
    const taskQuery = query === '' ? '' : `taskId=${body.taskID}${query}`;
    const answer = await call(sim, 'GET', `/iocm/app/batchtask/v1.1.0/taskDetails?${taskQuery}`, { headers });
    expect(answer).toMatchObject({ status: 400, body: { error_code: code } });
  });
});
