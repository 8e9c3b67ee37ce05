import { describe, expect, it } from 'vitest';
import { compactUtc, startSimulator } from '../src/index.js';
import { call, legacyHeaders, v5Headers, v5Tasks, v5UpgradeTask } from './__test-helpers__/sim-client.js';
import { useV5Fixture } from './__test-helpers__/v5-fixture.js';

const v5 = useV5Fixture();
const { ids, create, show } = v5;

describe('v5 create', () => {
  it('answers 201 with the Task object, status Initializing and a 24-hex task_id', async () => {
    const answer = await create(
      v5UpgradeTask('Upgrade_1', ids(3), { task_policy: { retry_count: 2, retry_interval: 5 } }),
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(answer.body).toMatchObject({
      task_name: 'Upgrade_1',
      task_type: 'firmwareUpgrade',
      targets: ids(3),
      document: { package_ids: ['32822e5744a45ede319d2c50'] },
      task_policy: { retry_count: 2, retry_interval: 5 },
      status: 'Initializing',
      task_progress: {
        total: 3,
        processing: 0,
        success: 0,
        fail: 0,
        waitting: 3,
        fail_wait_retry: 0,
        stopped: 0,
        removed: 0,
      },
    });
    expect(answer.body.task_id).toMatch(/^[0-9a-f]{24}$/);
    expect(answer.body.create_time).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('resolves targets_filter.group_ids against the fleet and lets targets win over the filter', async () => {
    const group = v5.sim.fleet.groups[1]!;
    const byGroup = await create({
      ...v5UpgradeTask('ByGroup', []),
      targets: undefined,
      targets_filter: { group_ids: [group.groupId] },
    });
    expect(v5.sim.task(byGroup.body.task_id as string)?.targets).toEqual(
      Array.from(group.members, (i) => v5.sim.fleet.deviceId(i)),
    );
    const both = await create({
      ...v5UpgradeTask('Both', ids(2)),
      targets_filter: { group_ids: [group.groupId] },
    });
    expect(v5.sim.task(both.body.task_id as string)?.targets).toEqual(ids(2));
  });

  const bad = (patch: Record<string, unknown>) => ({
    ...v5UpgradeTask('Valid_name', ['device_1']),
    ...patch,
  });
  it.each([
    ['a hyphen in task_name', bad({ task_name: 'bad-name' }), 'task_name'],
    ['a space in task_name', bad({ task_name: 'bad name' }), 'task_name'],
    ['a 129-character task_name', bad({ task_name: 'n'.repeat(129) }), 'task_name'],
    ['an unknown task_type', bad({ task_type: 'rebootDevices' }), 'task_type'],
    ['targets for createDevices', bad({ task_type: 'createDevices', document: undefined }), 'targets'],
    ['targets for changeGateway', bad({ task_type: 'changeGateway', document: undefined }), 'targets'],
    ['no target source', bad({ targets: undefined }), 'targets'],
    ['30,001 targets', bad({ targets: Array.from({ length: 30_001 }, (_, i) => `d${i}`) }), 'targets'],
    ['a device ID with a dot', bad({ targets: ['bad.id'] }), 'targets[0]'],
    ['a 129-character device ID', bad({ targets: ['d'.repeat(129)] }), 'targets[0]'],
    [
      'retry_count without retry_interval',
      bad({ task_policy: { retry_count: 2 } }),
      'task_policy.retry_interval',
    ],
    [
      'retry_interval without retry_count',
      bad({ task_policy: { retry_interval: 2 } }),
      'task_policy.retry_count',
    ],
    ['retry_count 6', bad({ task_policy: { retry_count: 6, retry_interval: 1 } }), 'task_policy.retry_count'],
    [
      'retry_interval 1441',
      bad({ task_policy: { retry_count: 1, retry_interval: 1441 } }),
      'task_policy.retry_interval',
    ],
    ['an upgrade without document', bad({ document: undefined }), 'document'],
    [
      'createCommands without paras',
      bad({ task_type: 'createCommands', document: { service_id: 's', command_name: 'c' } }),
      'document.paras',
    ],
    [
      'six shadow services',
      bad({
        task_type: 'updateDeviceShadows',
        document: { shadow: Array.from({ length: 6 }, (_, i) => ({ service_id: `s${i}`, desired: {} })) },
      }),
      'document.shadow',
    ],
    [
      'task_mode on commands',
      bad({ task_type: 'createCommands', task_mode: 'GATEWAY', document: { paras: {} } }),
      'task_mode',
    ],
    ['task_ext_info over 512 characters', bad({ task_ext_info: { text: 'x'.repeat(520) } }), 'task_ext_info'],
    [
      'task_ext_info on commands',
      bad({ task_type: 'createCommands', task_ext_info: { a: 1 }, document: { paras: {} } }),
      'task_ext_info',
    ],
    [
      'need_confirm on commands',
      bad({ task_type: 'createCommands', need_confirm: true, document: { paras: {} } }),
      'need_confirm',
    ],
    ['an empty package_ids', bad({ document: { package_ids: [] } }), 'document.package_ids'],
    [
      'createMessages without message',
      bad({ task_type: 'createMessages', document: {} }),
      'document.message',
    ],
    [
      'an unknown send_strategy',
      bad({ task_type: 'createAsyncCommands', document: { paras: {}, send_strategy: 'later' } }),
      'document.send_strategy',
    ],
    [
      'a repeated shadow service_id',
      bad({
        task_type: 'updateDeviceShadows',
        document: {
          shadow: [
            { service_id: 's', desired: {} },
            { service_id: 's', desired: {} },
          ],
        },
      }),
      'document.shadow[1].service_id',
    ],
    [
      'a shadow over 10 KB',
      bad({
        task_type: 'updateDeviceShadows',
        document: { shadow: [{ service_id: 's', desired: { v: 'x'.repeat(10 * 1024) } }] },
      }),
      'document.shadow',
    ],
    [
      'document_source for commands',
      bad({
        task_type: 'createCommands',
        targets: undefined,
        document_source: 'f1',
        document: { paras: {} },
      }),
      'document_source',
    ],
    [
      'targets_filter without group_ids',
      bad({ targets: undefined, targets_filter: {} }),
      'targets_filter.group_ids',
    ],
    ['an app_id with a dot', bad({ app_id: 'a.b' }), 'app_id'],
    [
      'a schedule_time beyond 7 days',
      bad({ task_policy: { schedule_time: compactUtc(Date.now() + 8 * 86_400_000) } }),
      'schedule_time',
    ],
  ])('answers 400 IOTDA.000006 naming the field for %s', async (_case, body, field) => {
    const answer = await create(body);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body)).toEqual(['error_code', 'error_msg']);
    expect(answer.body.error_code).toBe('IOTDA.000006');
    expect(answer.body.error_msg).toContain(field);
  });

  it('answers IOTDA.000009 for a badly formatted schedule_time and IOTDA.000008 for malformed JSON', async () => {
    for (const scheduleTime of ['2026-01-01T00:00:00Z', '20260231T000000Z']) {
      const answer = await create(bad({ task_policy: { schedule_time: scheduleTime } }));
      expect(answer).toMatchObject({ status: 400, body: { error_code: 'IOTDA.000009' } });
    }
    const malformed = await call(v5.sim, 'POST', v5Tasks(v5.sim), {
      headers: { ...v5.headers, 'content-type': 'application/json' },
      rawBody: '{"task_name":',
    });
    expect(malformed).toMatchObject({ status: 400, body: { error_code: 'IOTDA.000008' } });
  });

  it('answers 403 IOTDA.000004 for a missing, wrong or expired token, IOTDA.000021 for another project; IAM login gives a new one', async () => {
    expect(await create(v5UpgradeTask('A', ids(1)), {})).toMatchObject({
      status: 403,
      body: { error_code: 'IOTDA.000004' },
    });
    expect(await create(v5UpgradeTask('A', ids(1)), { 'X-Auth-Token': 'forged' })).toMatchObject({
      status: 403,
      body: { error_code: 'IOTDA.000004' },
    });
    const otherProject = await call(v5.sim, 'GET', '/v5/iot/0000/batchtasks?task_type=firmwareUpgrade', {
      headers: v5.headers,
    });
    // The token is valid, but not for this project: IAM knows the user, IoTDA does not serve them here.
    expect(otherProject).toMatchObject({ status: 403, body: { error_code: 'IOTDA.000021' } });
    const legacyTokenAsV5 = await call(
      v5.sim,
      'GET',
      `/v5/iot/${v5.sim.credentials.v5.projectId}/batchtasks?task_type=firmwareUpgrade`,
      {
        headers: {
          ...v5.headers,
          'X-Auth-Token': ((await legacyHeaders(v5.sim)).Authorization ?? '').replace('Bearer ', ''),
        },
      },
    );
    expect(legacyTokenAsV5).toMatchObject({ status: 403, body: { error_code: 'IOTDA.000004' } });
    v5.sim.clock.advance(86_400_000);
    expect(await create(v5UpgradeTask('A', ids(1)))).toMatchObject({
      status: 403,
      body: { error_code: 'IOTDA.000004' },
    });
    const { userName, password, domainName, projectId } = v5.sim.credentials.v5;
    const iam = await call(v5.sim, 'POST', '/v3/auth/tokens', {
      body: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: userName, password, domain: { name: domainName } } },
          },
          scope: { project: { id: projectId } },
        },
      },
    });
    expect(iam.status).toBe(201);
    const token = iam.headers.get('x-subject-token') as string;
    expect((await create(v5UpgradeTask('A', ids(1)), { 'X-Auth-Token': token })).status).toBe(201);
    const wrong = await call(v5.sim, 'POST', '/v3/auth/tokens', {
      body: { auth: { identity: { password: { user: { name: userName, password: 'nope' } } } } },
    });
    expect(wrong.status).toBe(401);
  });

  it('answers 400 IOTDA.000006 for an oversized body and an Instance-Id over 36 characters; accepts 1–36', async () => {
    const small = await startSimulator({ devices: 10, timeScale: 0, maxBodyBytes: 2048 });
    try {
      const oversized = await call(small, 'POST', v5Tasks(small), {
        headers: v5Headers(small),
        body: v5UpgradeTask(
          'Big',
          Array.from({ length: 500 }, (_, i) => `device_${i}`),
        ),
      });
      expect(oversized).toMatchObject({ status: 400, body: { error_code: 'IOTDA.000006' } });
      expect(small.tasks()).toEqual([]);
    } finally {
      await small.close();
    }
    const withInstance = (instanceId: string) =>
      create(v5UpgradeTask('Inst', ids(1)), { ...v5.headers, 'Instance-Id': instanceId });
    const tooLong = await withInstance('i'.repeat(37));
    expect(tooLong).toMatchObject({ status: 400, body: { error_code: 'IOTDA.000006' } });
    expect(tooLong.body.error_msg).toContain('Instance-Id');
    expect((await withInstance('i'.repeat(36))).status).toBe(201);
  });

  it('answers 429 APIGW.0308 when throttled (or 403 IOTDA.021102 when configured)', async () => {
    v5.sim.configure({ rateLimit: { calls: 2, windowMs: 1000 } });
    const list = () =>
      call(v5.sim, 'GET', `${v5Tasks(v5.sim)}?task_type=firmwareUpgrade`, { headers: v5.headers });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    expect(await list()).toMatchObject({ status: 429, body: { error_code: 'APIGW.0308' } });
    v5.sim.configure({ v5Throttle: 'iotda' });
    expect(await list()).toMatchObject({ status: 403, body: { error_code: 'IOTDA.021102' } });
    v5.sim.clock.advance(1000);
    expect((await list()).status).toBe(200);
    v5.sim.configure({ v5Throttle: 'apigw' });
  });

  it('queues tasks beyond the unfinished limit per resource space as Waitting', async () => {
    v5.sim.configure({ unfinishedTaskLimit: { v5: 2 }, deviceRatePerSecond: 1 });
    const created: string[] = [];
    for (let i = 0; i < 3; i++)
      created.push((await create(v5UpgradeTask(`Q${i}`, ids(2, i * 2)))).body.task_id as string);
    v5.sim.clock.advance(1000);
    const statuses = async () =>
      Promise.all(created.map(async (id) => ((await show(id)).body.batchtask as { status: string }).status));
    expect(await statuses()).toEqual(['Processing', 'Processing', 'Waitting']);
    v5.sim.clock.advance(2000); // the first two finish at 2 s each
    expect(await statuses()).toEqual(['Success', 'Success', 'Processing']);
    v5.sim.clock.advance(2000);
    expect(await statuses()).toEqual(['Success', 'Success', 'Success']);
  });

  it('creates a task for an unknown group or a missing batch file, which then fails with a status_desc', async () => {
    const unknownGroup = await create({
      task_name: 'NoGroup',
      task_type: 'firmwareUpgrade',
      targets_filter: { group_ids: ['no-such-group'] },
      document: { package_ids: ['p'] },
    });
    const fromFile = await create({
      task_name: 'FromFile',
      task_type: 'createDevices',
      document_source: 'file_123',
    });
    expect([unknownGroup.status, fromFile.status]).toEqual([201, 201]);
    v5.sim.clock.advance(5000);
    for (const id of [unknownGroup.body.task_id, fromFile.body.task_id]) {
      const task = (await show(id as string)).body.batchtask as {
        status: string;
        status_desc: string;
        task_progress: { total: number };
      };
      expect(task).toMatchObject({ status: 'Fail', task_progress: { total: 0 } });
      expect(task.status_desc).not.toBe('');
    }
    // The Task view has exactly the keys of the SDK's Task model: document_source is not one of them.
    const taskModelKeys = [
      'task_id',
      'task_name',
      'task_type',
      'task_mode',
      'need_confirm',
      'task_ext_info',
      'targets',
      'targets_filter',
      'document',
      'task_policy',
      'status',
      'status_desc',
      'task_progress',
      'create_time',
    ];
    for (const view of [fromFile.body, (await show(fromFile.body.task_id as string)).body.batchtask]) {
      expect(Object.keys(view as object).filter((key) => !taskModelKeys.includes(key))).toEqual([]);
    }
  });

  it('keeps a scheduled task Waitting until schedule_time', async () => {
    const at = v5.sim.clock.now() + 3_600_000;
    const { body } = await create(
      v5UpgradeTask('Later', ids(1), { task_policy: { schedule_time: compactUtc(at) } }),
    );
    v5.sim.clock.advance(60_000);
    expect(((await show(body.task_id as string)).body.batchtask as { status: string }).status).toBe(
      'Waitting',
    );
    v5.sim.clock.advance(3_600_000);
    expect(((await show(body.task_id as string)).body.batchtask as { status: string }).status).toBe(
      'Success',
    );
  });
});

describe('v5 list', () => {
  it('needs task_type, lists newest first with page {count, marker}', async () => {
    expect(await call(v5.sim, 'GET', v5Tasks(v5.sim), { headers: v5.headers })).toMatchObject({
      status: 400,
      body: { error_code: 'IOTDA.000006' },
    });
    const a = (await create(v5UpgradeTask('A', ids(1)))).body.task_id;
    const b = (await create(v5UpgradeTask('B', ids(1)))).body.task_id;
    await create({ task_name: 'C', task_type: 'createCommands', targets: ids(1), document: { paras: {} } });
    const answer = await call<{ batchtasks: { task_id: string }[]; page: { count: number; marker: string } }>(
      v5.sim,
      'GET',
      `${v5Tasks(v5.sim)}?task_type=firmwareUpgrade`,
      { headers: v5.headers },
    );
    expect(answer.body.batchtasks.map((task) => task.task_id)).toEqual([b, a]);
    expect(answer.body.page).toEqual({ count: 2, marker: a });
    const afterB = await call<{ batchtasks: { task_id: string }[] }>(
      v5.sim,
      'GET',
      `${v5Tasks(v5.sim)}?task_type=firmwareUpgrade&marker=${b}`,
      { headers: v5.headers },
    );
    expect(afterB.body.batchtasks.map((task) => task.task_id)).toEqual([a]);
  });

  it('checks task_type against the task types and app_id against the resource-space ID rule', async () => {
    const list = (query: string) =>
      call(v5.sim, 'GET', `${v5Tasks(v5.sim)}?${query}`, { headers: v5.headers });
    const unknownType = await list('task_type=rebootDevices');
    expect(unknownType).toMatchObject({ status: 400, body: { error_code: 'IOTDA.000006' } });
    expect(unknownType.body.error_msg).toContain('task_type');
    const badSpace = await list('task_type=firmwareUpgrade&app_id=bad.space');
    expect(badSpace).toMatchObject({ status: 400, body: { error_code: 'IOTDA.000006' } });
    expect(badSpace.body.error_msg).toContain('app_id');
    await create(v5UpgradeTask('Mine', ids(1)));
    const otherSpace = await list('task_type=firmwareUpgrade&app_id=other_space');
    expect(otherSpace).toMatchObject({ status: 200, body: { batchtasks: [], page: { count: 0 } } });
    const ownSpace = await list(`task_type=firmwareUpgrade&app_id=${v5.sim.credentials.v5.appId}`);
    expect(ownSpace.body.page).toMatchObject({ count: 1 });
  });

  it.each([
    ['limit=0', 'IOTDA.000017'],
    ['limit=51', 'IOTDA.000017'],
    ['offset=501', 'IOTDA.000006'],
    ['marker=FFFF', 'IOTDA.000006'],
    ['status=Waiting', 'IOTDA.000006'],
  ])('answers 400 for %s', async (query, code) => {
    const answer = await call(v5.sim, 'GET', `${v5Tasks(v5.sim)}?task_type=firmwareUpgrade&${query}`, {
      headers: v5.headers,
    });
    expect(answer).toMatchObject({ status: 400, body: { error_code: code } });
  });
});
