import type { RunnerClock } from './runner-clock.js';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** A {@link RunnerClock} whose time moves only when everything that uses it is asleep. */
export interface VirtualClock extends RunnerClock {
  /** Timers still waiting. */
  readonly pendingTimers: number;
}

/**
 * A clock for tests and dry runs: whenever the event loop runs out of other work, time jumps to the
 * earliest pending `sleep`. A campaign that would take hours of platform time finishes in
 * milliseconds, while every duration the runner computes stays exact in virtual time.
 *
 * "Out of other work" is detected with `setImmediate`, which runs after pending I/O callbacks; real
 * I/O that takes longer (a slow fsync) lets time jump early, which only makes time pass faster.
 */
export function createVirtualClock(start = 0): VirtualClock {
  let current = start;
  let seq = 0;
  let timers: Timer[] = [];
  let scheduled = false;

  const advance = () => {
    scheduled = false;
    if (timers.length === 0) return;
    // Let one more round of I/O callbacks and microtasks run before jumping.
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers[0];
    if (next === undefined) return;
    current = Math.max(current, next.at);
    const due = timers.filter((timer) => timer.at <= current);
    timers = timers.filter((timer) => timer.at > current);
    for (const timer of due) timer.resolve();
    schedule();
  };
  const schedule = () => {
    if (scheduled || timers.length === 0) return;
    scheduled = true;
    // Two hops: a promise chain woken by a timer gets a full turn before time moves again.
    setImmediate(() => setImmediate(advance));
  };

  return {
    now: () => current,
    get pendingTimers() {
      return timers.length;
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const timer: Timer = { at: current + Math.max(0, ms), seq: seq++, resolve: () => {} };
        const onAbort = () => {
          timers = timers.filter((candidate) => candidate !== timer);
          reject(signal?.reason);
        };
        timer.resolve = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
        schedule();
      });
    },
  };
}
