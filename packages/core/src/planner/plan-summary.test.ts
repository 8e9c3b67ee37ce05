import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FleetcastError } from '../errors/fleetcast-error.js';
import { minimumDuration, summarizeTasks } from './plan-summary.js';

const minute = 60_000;

describe('minimumDuration', () => {
  it('is one task duration when every task fits in the first minute and under the concurrency cap', () => {
    expect(minimumDuration({ createCalls: 10 }, { taskDurationMs: 5 * minute })).toBe(5 * minute);
  });

  it('is bounded by waves of maxUnfinishedTasks', () => {
    // 25 tasks, 10 at a time, 30 min each: three waves.
    expect(minimumDuration({ createCalls: 25 }, { taskDurationMs: 30 * minute })).toBe(90 * minute);
  });

  it('is bounded by the create-call rate when tasks are short', () => {
    // 250 creates at 100/min: the last starts in the third minute (t = 2 min), then runs 1 s.
    expect(minimumDuration({ createCalls: 250 }, { taskDurationMs: 1000, maxUnfinishedTasks: 1000 })).toBe(
      2 * minute + 1000,
    );
  });

  it('combines both limits', () => {
    // R = 2/min, M = 3, D = 90 s: starts 0, 0, 60, 90, 120, 150 → ends at 240 s.
    expect(
      minimumDuration(
        { createCalls: 6 },
        { rateLimitPerMinute: 2, maxUnfinishedTasks: 3, taskDurationMs: 90_000 },
      ),
    ).toBe(240_000);
  });

  it('is 0 for an empty plan and rejects nonsense limits', () => {
    expect(minimumDuration({ createCalls: 0 }, { taskDurationMs: minute })).toBe(0);
    expect(() =>
      minimumDuration({ createCalls: 3 }, { taskDurationMs: minute, rateLimitPerMinute: 0 }),
    ).toThrow(FleetcastError);
    expect(() => minimumDuration({ createCalls: 3 }, { taskDurationMs: -1 })).toThrow('taskDurationMs: -1');
  });

  it('never beats either limit alone and never exceeds running them one after the other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 10 * minute }),
        (calls, rate, concurrency, duration) => {
          const result = minimumDuration(
            { createCalls: calls },
            { rateLimitPerMinute: rate, maxUnfinishedTasks: concurrency, taskDurationMs: duration },
          );
          const waves = Math.ceil(calls / concurrency) * duration;
          const rateBound = (Math.ceil(calls / rate) - 1) * minute + duration;
          expect(result).toBeGreaterThanOrEqual(Math.max(waves, rateBound));
          expect(result).toBeLessThanOrEqual(waves + rateBound);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('summarizeTasks', () => {
  it('counts tasks and targets, and survives JSON with the standalone minimumDuration', () => {
    const summary = summarizeTasks([
      { kind: 'explicit', name: 'a_part1', index: 0, deviceIds: ['1', '2', '3'] },
      { kind: 'explicit', name: 'a_part2', index: 1, deviceIds: ['4'] },
      { kind: 'native', name: 'b', index: 2, target: { type: 'Broadcast' } },
    ]);
    const data = JSON.parse(JSON.stringify(summary));
    expect(data).toEqual({
      tasks: 3,
      explicitTasks: 2,
      nativeTasks: 1,
      createCalls: 3,
      targetsPerTask: { min: 1, max: 3, total: 4 },
    });
    const options = { taskDurationMs: minute, maxUnfinishedTasks: 1 };
    expect(summary.minimumDuration(options)).toBe(3 * minute);
    expect(minimumDuration(data, options)).toBe(3 * minute);
  });
});
