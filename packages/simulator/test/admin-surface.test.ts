import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_ADMIN_PREFIX, type Simulator, startSimulator } from '../src/index.js';
import { call, v5Headers, v5Tasks, v5UpgradeTask } from './__test-helpers__/sim-client.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 200, seed: 9, timeScale: 0 });
});
afterAll(() => sim.close());

describe('admin HTTP surface', () => {
  it('lists tasks with targets, changes config and clock, sets faults and resets', async () => {
    const created = await call(sim, 'POST', v5Tasks(sim), {
      headers: v5Headers(sim),
      body: v5UpgradeTask('Admin', [sim.fleet.deviceId(1)]),
    });
    const tasks = await call<{ tasks: { taskId: string }[] }>(sim, 'GET', `${SIMULATOR_ADMIN_PREFIX}/tasks`);
    expect(tasks.body.tasks.map((task) => task.taskId)).toEqual([created.body.task_id]);
    const one = await call(sim, 'GET', `${SIMULATOR_ADMIN_PREFIX}/tasks/${created.body.task_id}`);
    expect(one.body.targets).toEqual([sim.fleet.deviceId(1)]);

    const config = await call(sim, 'PATCH', `${SIMULATOR_ADMIN_PREFIX}/config`, {
      body: { deviceRatePerSecond: 7, rateLimit: { calls: 5 } },
    });
    expect(config.body).toMatchObject({ deviceRatePerSecond: 7, rateLimit: { calls: 5, windowMs: 60_000 } });
    expect(sim.settings.deviceRatePerSecond).toBe(7);
    const badConfig = await call(sim, 'PATCH', `${SIMULATOR_ADMIN_PREFIX}/config`, {
      body: { failureProbability: 2 },
    });
    expect(badConfig.status).toBe(400);
    expect(badConfig.body.field).toBe('failureProbability');

    const before = sim.clock.now();
    await call(sim, 'POST', `${SIMULATOR_ADMIN_PREFIX}/clock/advance`, { body: { ms: 5000 } });
    expect(sim.clock.now()).toBe(before + 5000);

    expect(
      (
        await call(sim, 'PUT', `${SIMULATOR_ADMIN_PREFIX}/faults/v5.listTasks`, {
          body: { script: ['server-error'] },
        })
      ).status,
    ).toBe(204);
    expect(
      (await call(sim, 'GET', `${v5Tasks(sim)}?task_type=firmwareUpgrade`, { headers: v5Headers(sim) }))
        .status,
    ).toBe(500);
    expect((await call(sim, 'PUT', `${SIMULATOR_ADMIN_PREFIX}/faults/v9.nothing`, { body: {} })).status).toBe(
      400,
    );

    // Bad JSON shapes are refused with 400 naming the field, never a 500.
    const badRules: [unknown, string][] = [
      [{ script: 'reset' }, 'faults.script'],
      [{ script: [null] }, 'faults.script[0]'],
      [{ latencyMs: [5] }, 'faults.latencyMs'],
    ];
    for (const [rule, field] of badRules) {
      const answer = await call(sim, 'PUT', `${SIMULATOR_ADMIN_PREFIX}/faults/v5.listTasks`, { body: rule });
      expect(answer).toMatchObject({ status: 400, body: { field } });
    }
    const now = sim.clock.now();
    for (const ms of [-5, '5', null]) {
      const answer = await call(sim, 'POST', `${SIMULATOR_ADMIN_PREFIX}/clock/advance`, { body: { ms } });
      expect(answer).toMatchObject({ status: 400, body: { field: 'ms' } });
    }
    expect(sim.clock.now()).toBe(now);
    const badPatches: [unknown, string][] = [
      [{ legacySelectValues: 'tags' }, 'legacySelectValues'],
      [{ rateLimit: 5 }, 'rateLimit'],
      [{ tokenLifetimeMs: [1] }, 'tokenLifetimeMs'],
    ];
    for (const [patch, field] of badPatches) {
      const answer = await call(sim, 'PATCH', `${SIMULATOR_ADMIN_PREFIX}/config`, { body: patch });
      expect(answer).toMatchObject({ status: 400, body: { field } });
    }
    expect(sim.settings.legacySelectValues).toEqual(['tags', 'tag']);

    expect((await call(sim, 'POST', `${SIMULATOR_ADMIN_PREFIX}/reset`)).status).toBe(204);
    expect(sim.tasks()).toEqual([]);
    const state = await call(sim, 'GET', `${SIMULATOR_ADMIN_PREFIX}/state`);
    expect(state.body).toMatchObject({ fleet: { size: 200 }, tasks: 0, faults: {} });
    expect(JSON.stringify(state.body)).not.toContain(sim.credentials.legacy.secret);
  });
});
