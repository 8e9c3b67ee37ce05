import type { CallMeterV1 } from '../adapter/v1/call-meter-v1.js';
import type { ApiCallKind } from './call-budget.js';

/**
 * What the runner needs of a call budget: the in-process {@link CallBudget} (the default) or one shared
 * by several processes (for example `@fleetcast/postgres`'s, on the database's clock). The runner does
 * not know which it has.
 *
 * The rule every implementation keeps: a call may start only while fewer than `callsPerMinute` calls
 * are in flight or were answered within the last 60 s (docs/runner.md, "The call budget"). It is also
 * the {@link CallMeterV1} the runner hands adapters, so their own requests (logins, pages) draw from it.
 */
export interface CallBudgetPort extends CallMeterV1 {
  /** Calls allowed in any 60 s window; the runner sizes its polling share and the report by it. */
  readonly callsPerMinute: number;
  /** Calls this budget object started so far, by kind (the runner reports the difference over a run). */
  readonly callsByKind: Readonly<Record<ApiCallKind, number>>;
  /**
   * Waits until a call may start, then returns the function to call once its response (or error) is in.
   * Rejects with the signal's reason when aborted while waiting.
   */
  acquire(kind: ApiCallKind, signal?: AbortSignal): Promise<() => void>;
  /** Runs `call` within the budget: waits for a slot, calls, frees the slot when it settles. */
  run<T>(kind: ApiCallKind, call: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Lets no call start for `ms` (a throttle caused by another client on the same app). */
  holdFor(ms: number): void;
}
