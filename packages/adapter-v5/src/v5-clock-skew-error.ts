import { PlatformError } from '@fleetcast/core';

/** How far `X-Sdk-Date` may be from the gateway's clock before it refuses a request (`APIGW.0303`). */
export const v5MaxClockSkewMs = 15 * 60_000;

/**
 * The gateway refused a signed request because this machine's clock is more than 15 minutes off its
 * own. Retrying does not help; setting the clock does. A `PlatformError` of kind `auth` with its own
 * stable code, so existing auth handling applies and callers can still tell it apart.
 */
export class V5ClockSkewError extends PlatformError {
  override readonly code = 'FLEETCAST_V5_CLOCK_SKEW';
  /** Local clock minus the gateway's (from its `Date` header), when the answer had one. */
  readonly skewMs: number | undefined;

  constructor(fields: { httpStatus: number; platformCode?: string; skewMs?: number; operation: string }) {
    const by =
      fields.skewMs === undefined
        ? 'by more than 15 minutes'
        : `by ${formatMinutes(fields.skewMs)} (${fields.skewMs > 0 ? 'ahead of' : 'behind'} the gateway)`;
    super({
      kind: 'auth',
      message: `v5: ${fields.operation} refused${fields.platformCode ? ` (${fields.platformCode})` : ''}: this machine's clock is off ${by}; the API gateway accepts X-Sdk-Date within 15 minutes of its own clock — set the system clock (NTP) and run again`,
      httpStatus: fields.httpStatus,
      ...(fields.platformCode === undefined ? {} : { platformCode: fields.platformCode }),
      retryable: false,
      adapter: 'v5',
    });
    this.skewMs = fields.skewMs;
  }

  /** True when `value` is a V5ClockSkewError from any copy of this package. */
  static override isInstance(value: unknown): value is V5ClockSkewError {
    return PlatformError.isInstance(value) && value.code === 'FLEETCAST_V5_CLOCK_SKEW';
  }
}

function formatMinutes(ms: number): string {
  const minutes = Math.abs(ms) / 60_000;
  return minutes >= 120 ? `${(minutes / 60).toFixed(1)} hours` : `${Math.round(minutes)} minutes`;
}
