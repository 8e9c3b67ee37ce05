import type { CallMeterV1 } from './call-meter-v1.js';

/** Options every engine-facing call accepts. */
export interface CallOptionsV1 {
  signal?: AbortSignal;
  /**
   * The engine budgets one request per call. Every further request the adapter makes for it (logins,
   * re-logins, look-ups, further pages) must first `acquire` from this meter, so the platform's
   * calls/minute hold. Optional: absent when the caller does not pace calls.
   */
  meter?: CallMeterV1;
}
