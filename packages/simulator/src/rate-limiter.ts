/** Flow-control settings: at most `calls` admitted calls per `windowMs` of simulated time, per app. */
export interface RateLimit {
  calls: number;
  windowMs: number;
}

/**
 * Fixed-window limiter per key (legacy app ID or v5 project). A window opens at the first call after
 * the previous one closed, so a client that waits `windowMs` always gets a fresh budget. Rejected
 * calls do not use up the budget, which is why exactly `calls` calls pass per window.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; used: number }>();

  constructor(private readonly limit: () => RateLimit) {}

  /** Admits (true) or rejects (false) one call for `key` at simulated time `now`. */
  admit(key: string, now: number): boolean {
    const { calls, windowMs } = this.limit();
    let window = this.#windows.get(key);
    if (window === undefined || now >= window.start + windowMs || now < window.start) {
      window = { start: now, used: 0 };
      this.#windows.set(key, window);
    }
    if (window.used >= calls) return false;
    window.used++;
    return true;
  }

  /** Milliseconds of simulated time until `key` gets a fresh window. */
  retryAfterMs(key: string, now: number): number {
    const window = this.#windows.get(key);
    return window === undefined ? 0 : Math.max(0, window.start + this.limit().windowMs - now);
  }

  /** Forgets every window. */
  reset(): void {
    this.#windows.clear();
  }
}
