import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LegacyQueryOneTaskOut } from './legacy-api.js';
import { normalizeLegacySubtask, normalizeLegacyTask } from './legacy-task-status.js';

const base = { taskId: 'T' };

describe('normalizeLegacyTask', () => {
  it.each([
    [{ status: 'Pending', totalCnt: 5 }, 'pending'],
    [{ status: 'Running', totalCnt: 5, successCnt: 1 }, 'running'],
    [{ status: 'Timeout', totalCnt: 5, successCnt: 1, timeoutCnt: 4 }, 'timedOut'],
    [{ status: 'Complete', totalCnt: 5, successCnt: 5 }, 'succeeded'],
    [{ status: 'Complete', totalCnt: 5, successCnt: 2, failCnt: 3 }, 'partiallySucceeded'],
    [{ status: 'Complete', totalCnt: 5, failCnt: 4, timeoutCnt: 1 }, 'failed'],
    [{ status: 'Complete', totalCnt: 0 }, 'succeeded'],
  ] as const)('%o → %s', (raw, state) => {
    expect(normalizeLegacyTask({ ...base, ...raw } as LegacyQueryOneTaskOut).state).toBe(state);
  });

  it('reads per-mille progress and counts expired subtasks as timed out', () => {
    const status = normalizeLegacyTask({
      ...base,
      status: 'Running',
      totalCnt: 1000,
      successCnt: 500,
      failCnt: 10,
      timeoutCnt: 5,
      expiredCnt: 2,
      completeCnt: 515,
      progress: 517,
    });
    expect(status.progress).toBe(0.517);
    expect(status.counts).toMatchObject({ timedOut: 7, running: 483, pending: 0 });
  });

  it('keeps counts summing to total and progress within 0..1 for any counters', () => {
    const counter = fc.nat({ max: 40_000 });
    fc.assert(
      fc.property(
        fc.constantFrom('Pending', 'Running', 'Complete', 'Timeout', 'Unknown'),
        fc.record({
          totalCnt: counter,
          successCnt: counter,
          failCnt: counter,
          timeoutCnt: counter,
          expiredCnt: counter,
          progress: fc.integer({ min: -5, max: 1200 }),
        }),
        (status, counters) => {
          const result = normalizeLegacyTask({ ...base, status, ...counters } as LegacyQueryOneTaskOut);
          const { total, ...parts } = result.counts;
          expect(Object.values(parts).reduce((sum, value) => sum + value, 0)).toBe(total);
          expect(result.progress).toBeGreaterThanOrEqual(0);
          expect(result.progress).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('normalizeLegacySubtask', () => {
  it.each([
    ['Pending', 'pending'],
    ['WaitResult', 'running'],
    ['Success', 'succeeded'],
    ['Fail', 'failed'],
    ['Timeout', 'timedOut'],
  ] as const)('%s → %s', (status, state) => {
    expect(normalizeLegacySubtask({ status, param: { deviceId: 'd' } }).state).toBe(state);
  });

  it('keeps an unparseable error string as the message', () => {
    expect(normalizeLegacySubtask({ status: 'Fail', error: 'boom' }).error).toEqual({
      code: '',
      message: 'boom',
    });
  });
});
