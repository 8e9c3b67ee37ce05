import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, SimulatorConfigError, startSimulator } from '../src/index.js';
import {
  LEGACY_TASKS,
  call,
  legacyDeviceListTask,
  legacyHeaders,
  v5Headers,
  v5Tasks,
  v5UpgradeTask,
} from './__test-helpers__/sim-client.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    devices: 300,
    seed: 4,
    timeScale: 0,
    rateLimit: { calls: 100_000, windowMs: 60_000 },
  });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const listV5 = () =>
  fetch(`${sim.url}${v5Tasks(sim)}?task_type=firmwareUpgrade`, { headers: v5Headers(sim) });

describe('fault injection', () => {
  it('commit-then-drop creates the task but the client gets no response', async () => {
    sim.faults.set('v5.createTask', { script: ['commit-then-drop'] });
    await expect(
      call(sim, 'POST', v5Tasks(sim), {
        headers: v5Headers(sim),
        body: v5UpgradeTask('Dropped', [sim.fleet.deviceId(0)]),
      }),
    ).rejects.toThrow();
    expect(sim.tasks().map((task) => task.taskName)).toEqual(['Dropped']);
    expect(sim.requests().at(-1)).toMatchObject({
      route: 'v5.createTask',
      outcome: 'dropped',
      fault: 'commit-then-drop',
    });
    // The script is used up: the next create answers normally.
    const next = await call(sim, 'POST', v5Tasks(sim), {
      headers: v5Headers(sim),
      body: v5UpgradeTask('Answered', [sim.fleet.deviceId(0)]),
    });
    expect(next.status).toBe(201);
  });

  it('commit-then-drop on legacy create: the task exists, and a resend of the same name answers 105002', async () => {
    const headers = await legacyHeaders(sim);
    sim.faults.set('legacy.createTask', { script: ['commit-then-drop'] });
    const body = legacyDeviceListTask('dropped-legacy', [sim.fleet.deviceId(0)]);
    await expect(call(sim, 'POST', LEGACY_TASKS, { headers, body })).rejects.toThrow();
    expect(sim.tasks().map((task) => [task.api, task.taskName])).toEqual([['legacy', 'dropped-legacy']]);
    expect(await call(sim, 'POST', LEGACY_TASKS, { headers, body })).toMatchObject({
      status: 200,
      body: { error_code: '105002' },
    });
  });

  it('reset cuts the connection before the handler runs (nothing is created)', async () => {
    const headers = await legacyHeaders(sim);
    sim.faults.set('legacy.createTask', { script: ['reset'] });
    await expect(
      call(sim, 'POST', LEGACY_TASKS, {
        headers,
        body: legacyDeviceListTask('cut', [sim.fleet.deviceId(0)]),
      }),
    ).rejects.toThrow();
    expect(sim.tasks()).toEqual([]);
  });

  it('server-error and throttle answer in each API dialect', async () => {
    sim.faults.set('v5.listTasks', {
      script: ['server-error', { action: 'server-error' }, 'throttle', 'none'],
      serverErrorStatus: 503,
    });
    const first = await listV5();
    expect(first.status).toBe(503);
    expect(Object.keys((await first.json()) as object)).toEqual(['error_code', 'error_msg']);
    expect((await listV5()).status).toBe(503);
    const throttled = await listV5();
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toMatchObject({ error_code: 'APIGW.0308' });
    expect((await listV5()).status).toBe(200);
    const headers = await legacyHeaders(sim);
    sim.faults.set('legacy.getTask', { script: ['throttle', 'server-error'] });
    expect(await call(sim, 'GET', `${LEGACY_TASKS}/x`, { headers })).toMatchObject({
      status: 403,
      body: { error_code: '1010009' },
    });
    expect(await call(sim, 'GET', `${LEGACY_TASKS}/x`, { headers })).toMatchObject({
      status: 500,
      body: { error_code: '50252' },
    });
  });

  it('adds real latency', async () => {
    sim.faults.set('*', { latencyMs: 120 });
    const started = performance.now();
    await listV5();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    sim.faults.clear();
  });

  it('draws rates from a seeded stream: same seed, same fault sequence; about the requested share', async () => {
    const outcomes = async (seed: number) => {
      const other = await startSimulator({
        devices: 10,
        seed,
        timeScale: 0,
        rateLimit: { calls: 100_000, windowMs: 1000 },
      });
      try {
        other.faults.set('v5.listTasks', { serverErrorRate: 0.3 });
        const statuses: number[] = [];
        for (let i = 0; i < 60; i++) {
          const response = await fetch(`${other.url}${v5Tasks(other)}?task_type=firmwareUpgrade`, {
            headers: v5Headers(other),
          });
          statuses.push(response.status);
          await response.arrayBuffer();
        }
        return statuses;
      } finally {
        await other.close();
      }
    };
    const a = await outcomes(77);
    expect(await outcomes(77)).toEqual(a);
    const errors = a.filter((status) => status === 500).length;
    expect(errors).toBeGreaterThan(5);
    expect(errors).toBeLessThan(35);
  });

  it("draws a '*' rule's rates from each route's own stream, however the routes interleave", async () => {
    const statuses = async (order: readonly ('list' | 'show')[]) => {
      sim.faults.set('*', { serverErrorRate: 0.4 });
      const seen = { list: [] as number[], show: [] as number[] };
      for (const which of order) {
        const path =
          which === 'list'
            ? `${v5Tasks(sim)}?task_type=firmwareUpgrade`
            : `${v5Tasks(sim)}/000000000000000000000000`;
        const response = await fetch(`${sim.url}${path}`, { headers: v5Headers(sim) });
        await response.arrayBuffer();
        seen[which].push(response.status);
      }
      return seen;
    };
    const oneRouteThenTheOther = await statuses([
      ...Array<'list'>(30).fill('list'),
      ...Array<'show'>(30).fill('show'),
    ]);
    const alternating = await statuses(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 'list' : 'show')));
    expect(alternating).toEqual(oneRouteThenTheOther);
    expect(oneRouteThenTheOther.list).toContain(500);
    expect(oneRouteThenTheOther.show).toContain(500);
    expect(oneRouteThenTheOther.list).toContain(200);
    expect(oneRouteThenTheOther.show).toContain(404);
  });

  it('rejects bad rules with a typed error naming the field', () => {
    expect(() => sim.faults.set('v5.listTasks', { serverErrorRate: 1.5 })).toThrow(SimulatorConfigError);
    expect(() => sim.faults.set('v5.listTasks', { serverErrorRate: 0.6, resetRate: 0.6 })).toThrow(/add up/);
    expect(() => sim.faults.set('nope' as never, {})).toThrow(/faults.route/);
    expect(() => sim.faults.set('v5.listTasks', { script: ['explode' as never] })).toThrow(/script\[0\]/);
    expect(() => sim.faults.set('v5.listTasks', { script: [null as never] })).toThrow(/script\[0\]/);
    expect(() => sim.faults.set('v5.listTasks', { script: 'reset' as never })).toThrow(/faults.script/);
    expect(() => sim.faults.set('v5.listTasks', { latencyMs: [1, 2, 3] as never })).toThrow(
      /faults.latencyMs/,
    );
  });
});
