import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/rate-limiter.js';
import { type Simulator, startSimulator } from '../src/index.js';
import { LEGACY_TASKS, call, legacyHeaders, v5Headers, v5Tasks } from './__test-helpers__/sim-client.js';

const FLEET = 800;
let sim: Simulator;
let legacy: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({
    devices: FLEET,
    seed: 31,
    timeScale: 0,
    rateLimit: { calls: 1_000_000, windowMs: 60_000 },
    unfinishedTaskLimit: { legacy: 1_000_000, v5: 1_000_000 },
  });
  legacy = await legacyHeaders(sim);
});
afterAll(() => sim.close());

describe('rate limit properties', () => {
  it('the rate limiter admits exactly the configured number of calls per window (model check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 120 }),
        (calls, windowMs, gaps) => {
          const limiter = new RateLimiter(() => ({ calls, windowMs }));
          let now = 0;
          let windowStart = Number.NEGATIVE_INFINITY;
          let inWindow = 0;
          let admittedInWindow = 0;
          for (const gap of gaps) {
            now += gap;
            if (now >= windowStart + windowMs) {
              expect(admittedInWindow).toBe(Math.min(calls, inWindow));
              windowStart = now;
              inWindow = 0;
              admittedInWindow = 0;
            }
            inWindow++;
            if (limiter.admit('app', now)) admittedInWindow++;
          }
          expect(admittedInWindow).toBe(Math.min(calls, inWindow));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the HTTP rate limit lets exactly N calls through per window, for both APIs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 20 }),
        async (limit, extra) => {
          sim.reset();
          legacy = await legacyHeaders(sim);
          sim.clock.advance(60_000); // the login's window is over
          sim.configure({ rateLimit: { calls: limit, windowMs: 60_000 } });
          const v5 = async () =>
            (await fetch(`${sim.url}${v5Tasks(sim)}?task_type=firmwareUpgrade`, { headers: v5Headers(sim) }))
              .status;
          const oldApi = async () =>
            (await call(sim, 'GET', `${LEGACY_TASKS}/none`, { headers: legacy })).body.error_code;
          for (let window = 0; window < 2; window++) {
            const statuses: number[] = [];
            const codes: unknown[] = [];
            for (let i = 0; i < limit + extra; i++) {
              statuses.push(await v5());
              codes.push(await oldApi());
            }
            expect(statuses.filter((status) => status === 200)).toHaveLength(limit);
            expect(statuses.filter((status) => status === 429)).toHaveLength(extra);
            expect(codes.filter((code) => code === '105005')).toHaveLength(limit);
            expect(codes.filter((code) => code === '1010009')).toHaveLength(extra);
            sim.clock.advance(60_000);
          }
          sim.configure({ rateLimit: { calls: 1_000_000 } });
          legacy = await legacyHeaders(sim);
        },
      ),
      { numRuns: 15 },
    );
  });
});
