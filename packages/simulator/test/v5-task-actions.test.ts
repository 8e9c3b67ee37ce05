import { describe, expect, it } from 'vitest';
import { call, v5Tasks, v5UpgradeTask } from './__test-helpers__/sim-client.js';
import { useV5Fixture } from './__test-helpers__/v5-fixture.js';

const v5 = useV5Fixture();
const { ids, create, show } = v5;

describe('v5 show, stop, retry, confirm, delete', () => {
  it('shows the task with paged task_details and filters by status and target', async () => {
    v5.sim.configure({ failureProbability: 0 });
    const { body } = await create(v5UpgradeTask('Show', [...ids(12), 'ghost']));
    v5.sim.clock.advance(60_000);
    const page = await show(body.task_id as string, '?limit=5');
    expect(page.status).toBe(200);
    expect(Object.keys(page.body)).toEqual(['batchtask', 'task_details', 'page']);
    expect(page.body.task_details).toHaveLength(5);
    expect((page.body.task_details as unknown[])[0]).toEqual({
      target: ids(1)[0],
      status: 'Success',
      output: expect.any(String),
    });
    expect(page.body.page).toMatchObject({ count: 13 });
    const failed = await show(body.task_id as string, '?task_detail_status=Fail');
    expect(failed.body.task_details).toEqual([
      {
        target: 'ghost',
        status: 'Fail',
        error: { error_code: 'SIM.DEVICE_NOT_FOUND', error_msg: expect.any(String) },
      },
    ]);
    const one = await show(body.task_id as string, `?target=${ids(1, 4)[0]}`);
    expect((one.body.task_details as { target: string }[]).map((detail) => detail.target)).toEqual(ids(1, 4));
    expect((page.body.batchtask as { status: string }).status).toBe('PartialSuccess');
  });

  it('answers 404 for an unknown task and 400 for a bad task_detail_status', async () => {
    expect((await show('0123456789abcdef01234567')).status).toBe(404);
    const { body } = await create(v5UpgradeTask('S', ids(1)));
    expect(await show(body.task_id as string, '?task_detail_status=Done')).toMatchObject({
      status: 400,
      body: { error_code: 'IOTDA.000006' },
    });
  });

  it('stop {} stops every eligible subtask: Stopping, then Stopped', async () => {
    v5.sim.configure({ deviceRatePerSecond: 1 });
    const { body } = await create(v5UpgradeTask('Stop', ids(10)));
    v5.sim.clock.advance(3000); // 1 s initializing + 2 done
    const stop = await call<{ targets: { target: string; status: string }[] }>(
      v5.sim,
      'POST',
      `${v5Tasks(v5.sim)}/${body.task_id}/stop`,
      { headers: v5.headers, body: {} },
    );
    expect(stop.status).toBe(200);
    expect(stop.body.targets).toHaveLength(8);
    expect(stop.body.targets.every((target) => target.status === 'success')).toBe(true);
    expect(((await show(body.task_id as string)).body.batchtask as { status: string }).status).toBe(
      'Stopping',
    );
    v5.sim.clock.advance(1000);
    const stopped = (await show(body.task_id as string)).body.batchtask as {
      status: string;
      task_progress: Record<string, number>;
    };
    expect(stopped.status).toBe('Stopped');
    expect(stopped.task_progress).toMatchObject({ total: 10, success: 2, stopped: 8 });
    const again = await call(v5.sim, 'POST', `${v5Tasks(v5.sim)}/${body.task_id}/stop`, {
      headers: v5.headers,
      body: {},
    });
    expect(again.status).toBe(400);
  });

  it('stop with targets answers per target, refuses more than 100 and non-upgrade tasks', async () => {
    v5.sim.configure({ deviceRatePerSecond: 1 });
    const { body } = await create(v5UpgradeTask('StopSome', ids(5)));
    const answer = await call<{ targets: Record<string, string>[] }>(
      v5.sim,
      'POST',
      `${v5Tasks(v5.sim)}/${body.task_id}/stop`,
      { headers: v5.headers, body: { targets: [ids(1, 3)[0], 'not_in_task'] } },
    );
    expect(answer.body.targets).toEqual([
      { target: ids(1, 3)[0], status: 'success' },
      { target: 'not_in_task', status: 'failure', error_code: 'IOTDA.014219', error_msg: expect.any(String) },
    ]);
    const tooMany = await call(v5.sim, 'POST', `${v5Tasks(v5.sim)}/${body.task_id}/stop`, {
      headers: v5.headers,
      body: { targets: Array.from({ length: 101 }, (_, i) => `d${i}`) },
    });
    expect(tooMany).toMatchObject({ status: 400, body: { error_code: 'IOTDA.000006' } });
    const commands = await create({
      task_name: 'Cmd',
      task_type: 'createCommands',
      targets: ids(1),
      document: { paras: {} },
    });
    expect(
      (
        await call(v5.sim, 'POST', `${v5Tasks(v5.sim)}/${commands.body.task_id}/stop`, {
          headers: v5.headers,
          body: {},
        })
      ).status,
    ).toBe(400);
  });

  it('retry {} re-runs failed subtasks of a finished task', async () => {
    v5.sim.configure({ failureProbability: 1 });
    const { body } = await create(v5UpgradeTask('Retry', ids(4)));
    v5.sim.clock.advance(10_000);
    expect(((await show(body.task_id as string)).body.batchtask as { status: string }).status).toBe('Fail');
    v5.sim.configure({ failureProbability: 0 });
    const retry = await call<{ targets: unknown[] }>(
      v5.sim,
      'POST',
      `${v5Tasks(v5.sim)}/${body.task_id}/retry`,
      {
        headers: v5.headers,
        body: {},
      },
    );
    expect(retry.body.targets).toHaveLength(4);
    v5.sim.clock.advance(10_000);
    expect(((await show(body.task_id as string)).body.batchtask as { status: string }).status).toBe(
      'Success',
    );
    expect(
      (
        await call(v5.sim, 'POST', `${v5Tasks(v5.sim)}/${body.task_id}/retry`, {
          headers: v5.headers,
          body: {},
        })
      ).status,
    ).toBe(400);
  });

  it('retries failed subtasks by task_policy (FailWaitRetry) before failing them', async () => {
    v5.sim.configure({ failureProbability: 1 });
    const { body } = await create(
      v5UpgradeTask('Policy', ids(2), { task_policy: { retry_count: 2, retry_interval: 1 } }),
    );
    v5.sim.clock.advance(2000);
    const waiting = (await show(body.task_id as string)).body.batchtask as {
      task_progress: Record<string, number>;
    };
    expect(waiting.task_progress.fail_wait_retry).toBe(2);
    v5.sim.clock.advance(60_000);
    v5.sim.clock.advance(60_000);
    v5.sim.clock.advance(60_000);
    const done = v5.sim.task(body.task_id as string)!;
    expect(done.status).toBe('Fail');
    expect(done.subtasks().map((subtask) => subtask.attempts)).toEqual([3, 3]);
  });

  it('need_confirm keeps subtasks Waitting until confirm', async () => {
    const { body } = await create(v5UpgradeTask('Confirm', ids(3), { need_confirm: true }));
    v5.sim.clock.advance(10_000);
    expect(v5.sim.task(body.task_id as string)?.counts['awaiting-confirm']).toBe(3);
    const confirm = await call<{ targets: unknown[] }>(
      v5.sim,
      'POST',
      `${v5Tasks(v5.sim)}/${body.task_id}/confirm`,
      { headers: v5.headers, body: {} },
    );
    expect(confirm.body.targets).toHaveLength(3);
    v5.sim.clock.advance(10_000);
    expect(v5.sim.task(body.task_id as string)?.status).toBe('Success');
  });

  it('deletes only finished tasks, with 204', async () => {
    v5.sim.configure({ deviceRatePerSecond: 1 });
    const { body } = await create(v5UpgradeTask('Del', ids(3)));
    expect(
      (await call(v5.sim, 'DELETE', `${v5Tasks(v5.sim)}/${body.task_id}`, { headers: v5.headers })).status,
    ).toBe(400);
    v5.sim.clock.advance(10_000);
    const deleted = await call(v5.sim, 'DELETE', `${v5Tasks(v5.sim)}/${body.task_id}`, {
      headers: v5.headers,
    });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await show(body.task_id as string)).status).toBe(404);
  });
});
