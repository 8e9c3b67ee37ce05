/**
 * Time as the runner sees it. Injected so that tests and simulations can run hours of campaign in
 * seconds; the call budget, retry delays and poll intervals all read this one clock.
 */
export interface RunnerClock {
  /** Milliseconds since an arbitrary, fixed origin. Never goes backwards. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `performance.now()` and `setTimeout`. */
export const systemClock: RunnerClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A clock that follows a sped-up source, e.g. the simulator's clock: `now` reads the source and
 * `sleep(ms)` waits `ms / timeScale` real milliseconds.
 */
export function scaledClock(source: { now(): number; readonly timeScale: number }): RunnerClock {
  return {
    now: () => source.now(),
    sleep: (ms, signal) => systemClock.sleep(source.timeScale > 0 ? ms / source.timeScale : ms, signal),
  };
}
