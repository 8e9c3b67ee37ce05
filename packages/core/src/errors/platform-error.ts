import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.PlatformError');

/**
 * What went wrong on a platform call, in terms the runner can act on.
 * - `throttled`: the app's call budget is spent (legacy 1010009); wait and retry.
 * - `taskLimit`: too many unfinished tasks (legacy 105001); wait for one to finish.
 * - `nameExists`: a task with this name exists (legacy 105002); for a retried create this means "already created".
 * - `invalidInput`, `auth`, `notFound`: the request itself is wrong; retrying does not help (auth gets one re-login).
 * - `server`, `network`: the platform or the path to it failed; the call may or may not have taken effect.
 */
export type PlatformErrorKind = (typeof platformErrorKinds)[number];

/** Every {@link PlatformErrorKind}, for code that must handle (or test) each one. */
export const platformErrorKinds = [
  'throttled',
  'taskLimit',
  'nameExists',
  'invalidInput',
  'auth',
  'notFound',
  'server',
  'network',
] as const;

/** Constructor fields of {@link PlatformError}. */
export interface PlatformErrorFields {
  kind: PlatformErrorKind;
  message: string;
  /** HTTP status, when a response arrived (legacy business errors arrive with 200). */
  httpStatus?: number;
  /** The platform's own code, e.g. `1010009` or `IOTDA.000006`. */
  platformCode?: string;
  /** Whether repeating the same call may succeed. Defaults from `kind`. */
  retryable?: boolean;
  /** Which adapter raised it, e.g. `legacy` or `v5`. */
  adapter?: string;
  /** The request never reached the platform (connection refused, host not found): certainly without effect. */
  unreachable?: boolean;
  cause?: unknown;
}

const retryableKinds: ReadonlySet<PlatformErrorKind> = new Set([
  'throttled',
  'taskLimit',
  'server',
  'network',
]);

/** A platform call failed. Never carries a token, secret or app key in its message or fields. */
export class PlatformError extends FleetcastError {
  protected readonly [marker] = true;
  readonly kind: PlatformErrorKind;
  readonly httpStatus: number | undefined;
  readonly platformCode: string | undefined;
  readonly retryable: boolean;
  readonly adapter: string | undefined;
  /** See {@link PlatformErrorFields.unreachable}; false when a request may have reached the platform. */
  readonly unreachable: boolean;

  constructor(fields: PlatformErrorFields) {
    super(`FLEETCAST_PLATFORM_${fields.kind.toUpperCase()}`, fields.message, { cause: fields.cause });
    this.name = 'PlatformError';
    this.kind = fields.kind;
    this.httpStatus = fields.httpStatus;
    this.platformCode = fields.platformCode;
    this.retryable = fields.retryable ?? retryableKinds.has(fields.kind);
    this.adapter = fields.adapter;
    this.unreachable = fields.unreachable ?? false;
  }

  /** True when `value` is a PlatformError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is PlatformError {
    return FleetcastError.hasMarker(value, marker);
  }
}
