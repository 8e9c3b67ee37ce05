import type { CallMeterV1 } from '../adapter/v1/call-meter-v1.js';
import type { MeteredCallKindV1 } from '../adapter/v1/metered-call-kind-v1.js';
import type { CallBudgetPort } from './call-budget-port.js';
import { type RunnerClock, systemClock } from './runner-clock.js';
import { requireInteger } from './require-option.js';

/**
 * What a platform call was for; the report counts calls by kind. `create`, `poll` and `find` are the
 * engine's own calls; the {@link MeteredCallKindV1}s are requests adapters make through a {@link CallMeterV1}.
 */
export type ApiCallKind = 'create' | 'poll' | 'find' | MeteredCallKindV1;

/** The engine's own calls: while one is under way, the adapter may still need a metered request. */
const engineKinds: ReadonlySet<ApiCallKind> = new Set(['create', 'poll', 'find']);

/** Options of {@link CallBudget}. */
export interface CallBudgetOptions {
  /** Calls allowed in any window of `windowMs` (the platform's calls per minute). */
  callsPerMinute: number;
  clock?: RunnerClock;
  /** Length of the window; 60,000 ms unless the platform counts differently. */
  windowMs?: number;
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  engine: boolean;
}

/**
 * The in-process {@link CallBudgetPort}, the runner's default: the one budget every call to one platform app draws from, so that fleetcast itself never causes a
 * throttle.
 *
 * Rule: a call may start only while fewer than `callsPerMinute` calls are in flight or finished within
 * the last window. A call's slot is freed one window after its response arrived, not after it was
 * sent: the request reached the server before the response left it, so however latency varies, no
 * window of the server's clock sees more than `callsPerMinute` arrivals.
 *
 * It is also the {@link CallMeterV1} the runner hands adapters. An engine call (`create`, `poll`, `find`)
 * may need metered requests of its own while it holds its slot (a re-login), so engine calls never
 * hold every slot at once (at most `callsPerMinute - 1` when that is 1 or more), and a metered request
 * may go ahead of engine calls queued before it: a slot always stays reachable for the request an
 * engine call is waiting on, so the budget cannot deadlock itself.
 */
export class CallBudget implements CallBudgetPort {
  readonly callsPerMinute: number;
  readonly windowMs: number;
  private readonly clock: RunnerClock;
  /** Completion times within the current window, oldest first. */
  private completions: number[] = [];
  private inFlight = 0;
  private engineInFlight = 0;
  private heldUntil = Number.NEGATIVE_INFINITY;
  private waiters: Waiter[] = [];
  private pumping = false;
  private wakeUp: AbortController | undefined;
  private readonly counts: Record<ApiCallKind, number> = {
    create: 0,
    poll: 0,
    find: 0,
    auth: 0,
    lookup: 0,
    page: 0,
  };

  constructor(options: CallBudgetOptions) {
    this.callsPerMinute = requireInteger('callsPerMinute', options.callsPerMinute, 1, 1_000_000);
    this.windowMs = requireInteger('windowMs', options.windowMs ?? 60_000, 1, 86_400_000);
    this.clock = options.clock ?? systemClock;
  }

  /** Calls started so far, by kind. */
  get callsByKind(): Readonly<Record<ApiCallKind, number>> {
    return { ...this.counts };
  }

  /**
   * Waits until a call may start, then returns the function to call once its response (or error) is in.
   * Rejects with the signal's reason when aborted while waiting.
   */
  acquire(kind: ApiCallKind, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (release) => {
          this.counts[kind] += 1;
          resolve(release);
        },
        reject,
        signal,
        engine: engineKinds.has(kind),
        onAbort: () => {
          this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.nudge();
    });
  }

  /** Runs `call` within the budget: waits for a slot, calls, frees the slot when it settles. */
  async run<T>(kind: ApiCallKind, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(kind, signal);
    try {
      return await call();
    } finally {
      release();
    }
  }

  /**
   * Lets no call start for `ms`: after a throttle caused by someone else on the same app, every call
   * would be refused too.
   */
  holdFor(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.clock.now() + ms);
  }

  private nudge(): void {
    if (this.pumping) {
      this.wakeUp?.abort();
      return;
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        const now = this.clock.now();
        this.forget(now);
        if (now < this.heldUntil) {
          await this.sleep(wholeMilliseconds(this.heldUntil - now));
          continue;
        }
        if (this.inFlight + this.completions.length < this.callsPerMinute) {
          const next = this.waiters.findIndex((waiter) => this.mayStart(waiter));
          if (next >= 0) {
            this.grant(next);
            continue;
          }
        }
        const oldest = this.completions[0];
        await this.sleep(
          oldest === undefined ? Number.POSITIVE_INFINITY : wholeMilliseconds(oldest + this.windowMs - now),
        );
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Engine calls leave one slot for the metered requests they may be waiting on. */
  private mayStart(waiter: Waiter): boolean {
    return !waiter.engine || this.callsPerMinute < 2 || this.engineInFlight < this.callsPerMinute - 1;
  }

  private grant(position: number): void {
    const [waiter] = this.waiters.splice(position, 1);
    if (waiter === undefined) return;
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    this.inFlight += 1;
    if (waiter.engine) this.engineInFlight += 1;
    let released = false;
    waiter.resolve(() => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      if (waiter.engine) this.engineInFlight -= 1;
      this.completions.push(this.clock.now());
      this.nudge();
    });
  }

  /** Drops completions that left the window: a completion exactly one window ago no longer counts. */
  private forget(now: number): void {
    let drop = 0;
    while (drop < this.completions.length && (this.completions[drop] as number) + this.windowMs <= now)
      drop += 1;
    if (drop > 0) this.completions = this.completions.slice(drop);
  }

  /** Sleeps until `ms` passed or something changed (a release, a new waiter, an abort). */
  private async sleep(ms: number): Promise<void> {
    const controller = new AbortController();
    this.wakeUp = controller;
    try {
      if (ms === Number.POSITIVE_INFINITY) {
        await new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve()));
      } else {
        await this.clock.sleep(ms, controller.signal);
      }
    } catch {
      // Woken early on purpose.
    } finally {
      this.wakeUp = undefined;
    }
  }
}

/**
 * Rounds a wait up to whole milliseconds, at least 1: with fractional times, waiting exactly the
 * difference can land a hair short of the deadline (floating point) and spin without time moving.
 */
function wholeMilliseconds(ms: number): number {
  return Math.max(1, Math.ceil(ms));
}
