import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { V5SubtaskState, V5TaskState } from './v5-api.js';
import { normalizeV5Subtask, normalizeV5Task } from './v5-task-status.js';

describe('normalizeV5Task', () => {
  it.each([
    ['Initializing', 'pending'],
    ['Waitting', 'pending'],
    ['Processing', 'running'],
    ['Stopping', 'running'],
    ['Success', 'succeeded'],
    ['PartialSuccess', 'partiallySucceeded'],
    ['Fail', 'failed'],
    ['Stopped', 'stopped'],
  ] as const)('%s → %s', (status, state) => {
    expect(normalizeV5Task({ task_id: 't', status: status as V5TaskState }).state).toBe(state);
  });

  it('maps task_progress counters', () => {
    const status = normalizeV5Task({
      task_id: 't',
      status: 'Processing',
      task_progress: {
        total: 20,
        success: 5,
        fail: 2,
        processing: 3,
        fail_wait_retry: 1,
        waitting: 6,
        stopped: 2,
        removed: 1,
      },
    });
    expect(status.counts).toEqual({
      total: 20,
      succeeded: 5,
      failed: 2,
      timedOut: 0,
      pending: 6,
      running: 4,
      stopped: 3,
      // Of the running ones: failed, waiting for the platform's retry (policy.retryInterval).
      waitingRetry: 1,
    });
    expect(status.progress).toBeCloseTo(10 / 20);
  });

  it('keeps counts summing to total and progress within 0..1', () => {
    const n = fc.nat({ max: 30_000 });
    fc.assert(
      fc.property(
        fc.constantFrom<V5TaskState>(
          'Initializing',
          'Waitting',
          'Processing',
          'Success',
          'Fail',
          'PartialSuccess',
          'Stopped',
          'Stopping',
        ),
        fc.record(
          {
            total: n,
            success: n,
            fail: n,
            processing: n,
            waitting: n,
            fail_wait_retry: n,
            stopped: n,
            removed: n,
          },
          { requiredKeys: [] },
        ),
        (status, task_progress) => {
          const result = normalizeV5Task({ task_id: 't', status, task_progress });
          const { total, waitingRetry, ...parts } = result.counts;
          expect(Object.values(parts).reduce((sum, value) => sum + value, 0)).toBe(total);
          // A part of `running`, never counted twice.
          expect(waitingRetry ?? 0).toBeLessThanOrEqual(result.counts.running);
          expect(result.progress).toBeGreaterThanOrEqual(0);
          expect(result.progress).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('normalizeV5Subtask', () => {
  it.each([
    ['Waitting', 'pending'],
    ['Processing', 'running'],
    ['FailWaitRetry', 'running'],
    ['Success', 'succeeded'],
    ['Fail', 'failed'],
    ['Stopped', 'stopped'],
    ['Removed', 'stopped'],
  ] as const)('%s → %s', (status, state) => {
    expect(normalizeV5Subtask({ target: 'd', status: status as V5SubtaskState }).state).toBe(state);
  });

  it('keeps the error object', () => {
    expect(
      normalizeV5Subtask({
        target: 'd',
        status: 'Fail',
        error: { error_code: 'IOTDA.1', error_msg: 'offline' },
      }).error,
    ).toEqual({ code: 'IOTDA.1', message: 'offline' });
  });
});
