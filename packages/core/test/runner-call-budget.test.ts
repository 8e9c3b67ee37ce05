import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallBudget, createVirtualClock, RunnerOptionError } from '../src/index.js';

interface PlannedCall {
  /** Virtual ms after the previous call is requested. */
  gap: number;
  latency: number;
  /** Where between send and answer the server counts the call. */
  serverAt: number;
}

const plannedCall = fc.record({
  gap: fc.integer({ min: 0, max: 30_000 }),
  latency: fc.integer({ min: 0, max: 5_000 }),
  serverAt: fc.double({ min: 0, max: 1, noNaN: true }),
});

/** Runs the calls through a budget on a virtual clock; returns when each call reached the server. */
async function simulate(callsPerMinute: number, calls: PlannedCall[]) {
  const clock = createVirtualClock();
  const budget = new CallBudget({ callsPerMinute, clock });
  const arrivals: number[] = [];
  const starts: number[] = [];
  let requestAt = 0;
  await Promise.all(
    calls.map(async (call) => {
      requestAt += call.gap;
      await clock.sleep(requestAt);
      await budget.run('poll', async () => {
        const start = clock.now();
        starts.push(start);
        await clock.sleep(call.latency * call.serverAt);
        arrivals.push(clock.now());
        await clock.sleep(call.latency * (1 - call.serverAt));
      });
    }),
  );
  return { arrivals: arrivals.sort((a, b) => a - b), starts, budget };
}

describe('CallBudget', () => {
  it('never lets the server see more than callsPerMinute calls in any 60 s window, whatever the latency', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(plannedCall, { maxLength: 40 }),
        async (limit, calls) => {
          const { arrivals, budget } = await simulate(limit, calls);
          expect(arrivals).toHaveLength(calls.length);
          // N+1 arrivals within one half-open window of 60 s would need arrivals[i+N] - arrivals[i] < 60 s.
          for (let i = 0; i + limit < arrivals.length; i++) {
            expect((arrivals[i + limit] as number) - (arrivals[i] as number)).toBeGreaterThanOrEqual(60_000);
          }
          expect(budget.callsByKind.poll).toBe(calls.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lets a burst of callsPerMinute through at once and the next burst one window after the answers', async () => {
    const { starts } = await simulate(
      3,
      Array.from({ length: 7 }, () => ({ gap: 0, latency: 0, serverAt: 0 })),
    );
    expect(starts).toEqual([0, 0, 0, 60_000, 60_000, 60_000, 120_000]);
  });

  it('counts a slot from the answer, not the request: slow calls delay the next window', async () => {
    const { starts } = await simulate(1, [
      { gap: 0, latency: 10_000, serverAt: 1 },
      { gap: 0, latency: 0, serverAt: 0 },
    ]);
    expect(starts).toEqual([0, 70_000]);
  });

  it('holds every call after holdFor', async () => {
    const clock = createVirtualClock();
    const budget = new CallBudget({ callsPerMinute: 100, clock });
    budget.holdFor(5_000);
    await budget.run('create', async () => {});
    expect(clock.now()).toBe(5_000);
  });

  it('rejects a waiting acquire when its signal aborts, and frees nothing it never took', async () => {
    const clock = createVirtualClock();
    const budget = new CallBudget({ callsPerMinute: 1, clock });
    const release = await budget.acquire('create');
    const controller = new AbortController();
    const waiting = budget.acquire('poll', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    release();
    const next = await budget.acquire('find');
    next();
    expect(clock.now()).toBe(60_000);
    expect(budget.callsByKind).toEqual({ create: 1, poll: 0, find: 1, auth: 0, lookup: 0, page: 0 });
  });

  it('never deadlocks when engine calls need metered requests (re-logins, pages) while holding their slot', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }),
        fc.array(
          fc.record({ nested: fc.integer({ min: 0, max: 3 }), latency: fc.integer({ min: 0, max: 3_000 }) }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        async (limit, calls) => {
          const clock = createVirtualClock();
          const budget = new CallBudget({ callsPerMinute: limit, clock });
          const arrivals: number[] = [];
          // Every engine call starts at once: the worst case for slots held while waiting on the meter.
          await Promise.all(
            calls.map((call) =>
              budget.run('create', async () => {
                for (let i = 0; i < call.nested; i++) {
                  await budget.run('auth', async () => {
                    arrivals.push(clock.now());
                    await clock.sleep(call.latency);
                  });
                }
                arrivals.push(clock.now());
                await clock.sleep(call.latency);
              }),
            ),
          );
          const nested = calls.reduce((sum, call) => sum + call.nested, 0);
          expect(arrivals).toHaveLength(calls.length + nested);
          arrivals.sort((a, b) => a - b);
          for (let i = 0; i + limit < arrivals.length; i++) {
            expect((arrivals[i + limit] as number) - (arrivals[i] as number)).toBeGreaterThanOrEqual(60_000);
          }
          expect(budget.callsByKind).toMatchObject({ create: calls.length, auth: nested });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a non-positive rate with a typed error naming the field', () => {
    expect(() => new CallBudget({ callsPerMinute: 0 })).toThrow(RunnerOptionError);
    expect(() => new CallBudget({ callsPerMinute: 2.5 })).toThrow(
      /callsPerMinute: 2.5 is not allowed \(an integer from 1 to 1000000\)/,
    );
  });
});
