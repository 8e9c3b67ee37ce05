const marker = Symbol.for('fleetcast.error');

/**
 * Base class of every error fleetcast throws on purpose.
 *
 * `code` is stable across releases: match on it, not on the message. `isInstance` works across
 * duplicate copies of the package (two versions in one `node_modules`), where `instanceof` would not:
 * each class sets its own `Symbol.for('fleetcast.error.<Name>')` marker, so one class's check never
 * accepts another class's error.
 */
export class FleetcastError extends Error {
  /** Stable, machine-readable identifier of the failure, e.g. `FLEETCAST_INVALID_CAMPAIGN`. */
  readonly code: string;
  protected readonly [marker] = true;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FleetcastError';
    this.code = code;
  }

  /** True when `value` is a fleetcast error from any copy of this package. */
  static isInstance(value: unknown): value is FleetcastError {
    return FleetcastError.hasMarker(value, marker);
  }

  /** True when `value` carries `classMarker`: the check behind every subclass's `isInstance`. */
  protected static hasMarker(value: unknown, classMarker: symbol): boolean {
    return (
      typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[classMarker] === true
    );
  }
}
