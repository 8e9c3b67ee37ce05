/**
 * The simulator's notion of time. Simulated time runs at `timeScale` times real time and can be
 * pushed forward by hand; with `timeScale: 0` it only moves through {@link SimulatorClock.advance}.
 */
export interface SimulatorClock {
  /** Current simulated time in epoch milliseconds. */
  now(): number;
  /** Moves simulated time forward by `ms` (never backwards). */
  advance(ms: number): void;
  /** Current speed factor (0 = manual clock). */
  readonly timeScale: number;
  /** Changes the speed from now on without jumping. */
  setTimeScale(timeScale: number): void;
}

/** Creates a clock starting at `startTime` (epoch ms) that runs `timeScale` times faster than real time. */
export function createSimulatorClock(
  startTime: number,
  timeScale: number,
  realNow = () => performance.now(),
) {
  assertTimeScale(timeScale);
  let base = startTime;
  let realBase = realNow();
  let scale = timeScale;
  const clock: SimulatorClock = {
    now: () => base + (realNow() - realBase) * scale,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`clock.advance(ms): ms must be a finite number >= 0, got ${ms}`);
      }
      base += ms;
    },
    get timeScale() {
      return scale;
    },
    setTimeScale(next) {
      assertTimeScale(next);
      // Rebase so the current instant is kept and only the speed changes.
      base = clock.now();
      realBase = realNow();
      scale = next;
    },
  };
  return clock;
}

function assertTimeScale(timeScale: number): void {
  if (!Number.isFinite(timeScale) || timeScale < 0) {
    throw new RangeError(`timeScale must be a finite number >= 0, got ${timeScale}`);
  }
}
