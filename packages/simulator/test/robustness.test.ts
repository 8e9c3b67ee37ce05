import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
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
let legacy: Record<string, string>;
beforeAll(async () => {
  sim = await startSimulator({
    devices: 100,
    seed: 13,
    timeScale: 0,
    rateLimit: { calls: 1_000_000, windowMs: 60_000 },
    unfinishedTaskLimit: { legacy: 1_000_000 },
  });
  legacy = await legacyHeaders(sim);
});
afterAll(() => sim.close());

/** Any JSON-ish body, or a valid body with one field replaced by an arbitrary value. */
const mangled = (valid: Record<string, unknown>) =>
  fc.oneof(
    fc.string().map((text) => text),
    fc.json(),
    fc
      .tuple(fc.constantFrom(...Object.keys(valid)), fc.anything())
      .map(([key, value]) => JSON.stringify({ ...valid, [key]: value })),
    fc
      .tuple(fc.constantFrom(...Object.keys(valid)), fc.jsonValue())
      .map(([key, value]) => JSON.stringify({ ...valid, [key]: value })),
  );

describe('bad input never crashes the simulator', () => {
  it('legacy create answers 200 (task or business error) or 400 50400, always as JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        mangled(legacyDeviceListTask('fuzz', [sim.fleet.deviceId(0)])),
        fc.nat(),
        async (rawBody, n) => {
          const answer = await call(sim, 'POST', LEGACY_TASKS, {
            headers: { ...legacy, 'content-type': 'application/json' },
            rawBody: rawBody.replace('"fuzz"', `"fuzz${n}"`),
          });
          expect([200, 400, 403]).toContain(answer.status);
          if (answer.status === 400) expect(answer.body.error_code).toBe('50400');
          if (answer.status === 200)
            expect('taskID' in answer.body || 'error_code' in answer.body).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('v5 create answers 201 or a 4xx IoTDA error body, always as JSON', async () => {
    await fc.assert(
      fc.asyncProperty(mangled(v5UpgradeTask('Fuzz', [sim.fleet.deviceId(0)])), async (rawBody) => {
        const answer = await call(sim, 'POST', v5Tasks(sim), {
          headers: { ...v5Headers(sim), 'content-type': 'application/json' },
          rawBody,
        });
        if (answer.status !== 201) {
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
          expect(answer.body.error_code).toMatch(/^IOTDA\.\d{6}$/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('odd paths and query strings get error bodies, not crashes', async () => {
    expect((await call(sim, 'GET', `${LEGACY_TASKS}/%E0%A4%A`, { headers: legacy })).body.error_code).toBe(
      '50400',
    );
    expect((await call(sim, 'GET', `${v5Tasks(sim)}/%zz`, { headers: v5Headers(sim) })).body.error_code).toBe(
      'IOTDA.000006',
    );
    expect(
      (
        await call(sim, 'GET', `${v5Tasks(sim)}?task_type=firmwareUpgrade&limit=1e1`, {
          headers: v5Headers(sim),
        })
      ).status,
    ).toBe(400);
    expect(
      (await call(sim, 'GET', `//evil.example${v5Tasks(sim)}?task_type=x`, { headers: v5Headers(sim) }))
        .status,
    ).toBe(404);
    expect(
      (await call(sim, 'GET', `${LEGACY_TASKS}/x`, { headers: { ...legacy, app_key: 'someone-else' } })).body
        .error_code,
    ).toBe('100203');
    const unknownSpace = await call(sim, 'POST', v5Tasks(sim), {
      headers: v5Headers(sim),
      body: v5UpgradeTask('Space', [sim.fleet.deviceId(0)], { app_id: 'other_space' }),
    });
    expect(unknownSpace).toMatchObject({ status: 403, body: { error_code: 'IOTDA.001000' } });
  });
});
