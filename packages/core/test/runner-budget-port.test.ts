import { describe, expect, it } from 'vitest';
import {
  type ApiCallKind,
  CallBudget,
  type CallBudgetPort,
  createVirtualClock,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter } from '../src/testing/index.js';
import { checkInvariants, deviceCampaign } from './__test-helpers__/runner-test-kit.js';

/** A port of our own (not a CallBudget): records every acquire and delegates the pacing. */
class RecordingBudget implements CallBudgetPort {
  readonly acquired: ApiCallKind[] = [];
  constructor(private readonly inner: CallBudget) {}
  get callsPerMinute(): number {
    return this.inner.callsPerMinute;
  }
  get callsByKind() {
    return this.inner.callsByKind;
  }
  acquire(kind: ApiCallKind, signal?: AbortSignal): Promise<() => void> {
    this.acquired.push(kind);
    return this.inner.acquire(kind, signal);
  }
  async run<T>(kind: ApiCallKind, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(kind, signal);
    try {
      return await call();
    } finally {
      release();
    }
  }
  holdFor(ms: number): void {
    this.inner.holdFor(ms);
  }
}

describe('runner option budget: any CallBudgetPort', () => {
  it('draws every platform call of the run from the given port, and the report counts them', async () => {
    const clock = createVirtualClock();
    const adapter = createMemoryAdapter({ clock, capabilities: { maxTargetsPerTask: 10 } });
    const budget = new RecordingBudget(new CallBudget({ callsPerMinute: 7, clock }));
    const report = await runCampaign(deviceCampaign(45), { adapter, clock, budget }).result;
    expect(checkInvariants(adapter, report, 45)).toEqual([]);
    expect(budget.acquired.filter((kind) => kind === 'create')).toHaveLength(5);
    expect(budget.acquired.length).toBe(report.apiCalls.total);
    expect(report.apiCalls.total).toBe(adapter.calls.length);
  });
});
