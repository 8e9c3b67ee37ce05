import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexQueue } from '../src/tasks/index-queue.js';

describe('IndexQueue', () => {
  it('behaves like an array FIFO through any mix of push, shift and peek', () => {
    const operation = fc.oneof(
      fc.integer({ min: 0, max: 1_000_000 }).map((value) => ({ kind: 'push' as const, value })),
      fc.constant({ kind: 'shift' as const, value: 0 }),
      fc.nat(20).map((value) => ({ kind: 'peek' as const, value })),
    );
    fc.assert(
      fc.property(fc.nat(8), fc.array(operation, { maxLength: 300 }), (capacity, operations) => {
        const queue = new IndexQueue(capacity);
        const model: number[] = [];
        for (const { kind, value } of operations) {
          if (kind === 'push') {
            queue.push(value);
            model.push(value);
          } else if (kind === 'shift') expect(queue.shift()).toBe(model.shift());
          else expect(queue.peek(value)).toBe(model[value]);
          expect(queue.size).toBe(model.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
