import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, RunnerOptionError, resolveRetryPolicy } from '../src/index.js';

describe('retry policy', () => {
  it('draws each delay uniformly below min(maxDelay, base × 2^(retry−1)) (full jitter)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (base, extra, retry, draw) => {
          const policy = resolveRetryPolicy({
            baseDelayMs: base,
            maxDelayMs: base + extra,
            random: () => draw,
          });
          const delay = backoffDelay(policy, retry);
          const ceiling = Math.min(base + extra, base * 2 ** (retry - 1));
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(delay).toBe(Math.floor(draw * ceiling));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('doubles the ceiling per retry until maxDelayMs', () => {
    const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(policy, retry))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it('has documented defaults', () => {
    const { random: _random, ...rest } = resolveRetryPolicy();
    expect(rest).toEqual({
      maxAttempts: 6,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      maxThrottleRetries: 50,
      taskLimitWaitMs: 172_800_000,
    });
  });

  it.each([
    [{ maxAttempts: 0 }, 'retry.maxAttempts: 0 is not allowed (an integer from 1 to 100)'],
    [{ baseDelayMs: -1 }, 'retry.baseDelayMs: -1 is not allowed (an integer from 0 to 3600000)'],
    [
      { baseDelayMs: 1000, maxDelayMs: 10 },
      'retry.maxDelayMs: 10 is not allowed (an integer from 1000 to 3600000)',
    ],
  ])('refuses %o with a message naming the field and the range', (policy, message) => {
    const attempt = () => resolveRetryPolicy(policy);
    expect(attempt).toThrow(RunnerOptionError);
    expect(attempt).toThrow(message);
  });
});
