import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVirtualClock, MemoryCampaignStore, pollInterval, runCampaign } from '../src/index.js';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../src/testing/index.js';
import { deviceCampaign } from './__test-helpers__/runner-test-kit.js';

const defaults = { budgetShare: 0.5, minIntervalMs: 2_000, maxIntervalMs: 60_000 };

/**
 * Runs `tasks` one-device tasks that each last `taskDurationMs` on the memory platform and records, per
 * task, the run-clock times at which the runner sent a status poll.
 */
async function pollTimes(tasks: number, options: MemoryAdapterOptions, poll = {}) {
  const clock = createVirtualClock();
  const adapter = createMemoryAdapter({
    clock,
    ...options,
    capabilities: { maxTargetsPerTask: 1, maxUnfinishedTasks: tasks, ...options.capabilities },
  });
  const sent = new Map<string, number[]>();
  const get = adapter.doGetTask.bind(adapter);
  adapter.doGetTask = (options) => {
    const { taskId } = options;
    sent.set(taskId, [...(sent.get(taskId) ?? []), clock.now()]);
    return get(options);
  };
  const report = await runCampaign(deviceCampaign(tasks), {
    adapter,
    clock,
    store: new MemoryCampaignStore(),
    poll,
  }).result;
  const gaps = [...sent.values()].flatMap((times) =>
    times.slice(1).map((time, i) => time - (times[i] as number)),
  );
  return { report, sent, gaps: gaps.sort((a, b) => a - b) };
}

describe('poll interval', () => {
  it('spreads the polls of all running tasks over budgetShare of the budget, within its bounds', () => {
    expect(pollInterval(defaults, 10, 100)).toBe(12_000);
    expect(pollInterval(defaults, 1, 100)).toBe(2_000);
    expect(pollInterval(defaults, 0, 100)).toBe(2_000);
    expect(pollInterval(defaults, 1_000, 100)).toBe(60_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (running, callsPerMinute, budgetShare, minIntervalMs, spread) => {
          const options = { budgetShare, minIntervalMs, maxIntervalMs: minIntervalMs + spread };
          const interval = pollInterval(options, running, callsPerMinute);
          expect(interval).toBeGreaterThanOrEqual(options.minIntervalMs);
          expect(interval).toBeLessThanOrEqual(options.maxIntervalMs);
          // Between the bounds, the running tasks' polls together stay within their share of the budget
          // (the floor keeps a lone task from being polled every few ms, the ceiling keeps news fresh).
          if (interval > options.minIntervalMs && interval < options.maxIntervalMs) {
            expect((Math.max(1, running) * 60_000) / interval).toBeLessThanOrEqual(
              callsPerMinute * budgetShare + 1e-9,
            );
          }
        },
      ),
    );
  });
});

describe('the poller', () => {
  it('polls each running task every interval, slower as more tasks run (60 calls/min: 10 tasks → 20 s)', async () => {
    const { report, gaps } = await pollTimes(10, {
      capabilities: { rateLimitPerMinute: 60 },
      taskDurationMs: 600_000,
    });
    expect(report.tasks.every((task) => task.state === 'succeeded')).toBe(true);
    // 10 running tasks at 30 polls a minute: each one every 20 s, never sooner.
    expect(gaps[0]).toBeGreaterThanOrEqual(2_000);
    expect(gaps[Math.floor(gaps.length / 2)]).toBe(20_000);

    const alone = await pollTimes(1, { capabilities: { rateLimitPerMinute: 60 }, taskDurationMs: 600_000 });
    expect(alone.gaps[0]).toBe(2_000);
    expect(alone.gaps.at(-1)).toBe(2_000);
  });

  it('keeps the interval when answers are slow: polls of different tasks overlap, each task still waits the interval', async () => {
    // 10 tasks, 2 s interval (plenty of budget), every status answer takes 0.35 s: polled one after
    // another, a round would take 3.5 s and each task would be seen every 3.5 s instead of every 2 s
    // (and counting the interval from the answer, every 2.35 s).
    const { report, sent, gaps } = await pollTimes(10, {
      capabilities: { rateLimitPerMinute: 6_000 },
      taskDurationMs: 600_000,
      fault: (route) => (route === 'get' ? { type: 'latency', ms: 350 } : undefined),
    });
    expect(report.status).toBe('completed');
    expect(gaps[0]).toBeGreaterThanOrEqual(2_000);
    expect(gaps[Math.floor(gaps.length / 2)]).toBe(2_000);
    // About 600 s ÷ 2 s polls per task (the last answer arrives after the task ended).
    for (const times of sent.values()) expect(times.length).toBeGreaterThanOrEqual(295);
    expect(report.apiCalls.poll).toBeLessThanOrEqual(10 * 302);
  });
});
