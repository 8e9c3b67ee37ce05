import type { PlatformErrorKind } from '../errors/platform-error.js';
import { PlatformError } from '../errors/platform-error.js';
import type { RunnerClock } from '../runner/runner-clock.js';

/** A memory-adapter route, as fault scripts see it. */
export type MemoryRoute = 'create' | 'get' | 'find' | 'list' | 'stop' | 'retry';

/**
 * A fault to inject into one call. `commitThenDrop` creates the task and then fails with a network
 * error, as a connection lost after the platform committed; on `get`/`find` it is a plain network error.
 */
export type MemoryFault =
  | { type: 'server' | 'network' | 'throttled' | 'taskLimit' | 'commitThenDrop' }
  /** The credentials are refused (a revoked token), or the request (`invalidInput`); nothing is done. */
  | { type: 'auth' | 'invalidInput' }
  | { type: 'latency'; ms: number }
  /**
   * `create` only: the client gives up at once (a timeout, a `network` error) but the platform commits
   * the task `ms` later, as a slow backend does; duplicate refusal and limits apply at commit time.
   */
  | { type: 'lateCommit'; ms: number };

/** One call the memory platform received. */
export interface MemoryCall {
  route: MemoryRoute;
  at: number;
  outcome: 'ok' | PlatformErrorKind | 'commitThenDrop' | 'lateCommit';
}

/** Throws the memory platform's `PlatformError` of this kind. */
export function memoryFail(kind: PlatformErrorKind, message: string): never {
  throw new PlatformError({ kind, message, adapter: 'memory' });
}

/** The door every memory-platform call comes through: the rate limit, the scripted fault, the call log. */
export interface MemoryCallGate {
  /** Every call: rate limit first (a throttled call does nothing), then the scripted fault. */
  enter(route: MemoryRoute): Promise<MemoryFault | undefined>;
  /** Logs a call's outcome at the clock's now. */
  record(route: MemoryRoute, result: MemoryCall['outcome']): void;
}

/** A call gate over `calls` (the platform's call log), enforcing `rateLimit` calls per minute. */
export function createMemoryCallGate(options: {
  clock: RunnerClock;
  rateLimit: number;
  calls: MemoryCall[];
  fault?: ((route: MemoryRoute, call: number) => MemoryFault | undefined) | undefined;
}): MemoryCallGate {
  const { clock, rateLimit, calls } = options;
  const arrivals: number[] = [];
  let callCount = 0;
  const fail = memoryFail;
  return {
    async enter(route) {
      const fault = options.fault?.(route, callCount++);
      if (fault?.type === 'latency') await clock.sleep(fault.ms);
      const now = clock.now();
      while (arrivals.length > 0 && (arrivals[0] as number) <= now - 60_000) arrivals.shift();
      if (arrivals.length >= rateLimit) {
        calls.push({ route, at: now, outcome: 'throttled' });
        fail('throttled', 'memory platform: more than the allowed calls per minute');
      }
      arrivals.push(now);
      if (
        fault !== undefined &&
        fault.type !== 'latency' &&
        fault.type !== 'commitThenDrop' &&
        fault.type !== 'lateCommit'
      ) {
        calls.push({ route, at: now, outcome: fault.type });
        fail(fault.type, `memory platform: injected ${fault.type} fault`);
      }
      return fault;
    },
    record: (route, result) => {
      calls.push({ route, at: clock.now(), outcome: result });
    },
  };
}
