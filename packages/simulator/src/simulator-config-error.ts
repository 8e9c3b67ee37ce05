/**
 * Thrown when the simulator itself is configured wrongly (an option or an admin call out of range).
 * The simulator does not depend on `@fleetcast/core`, so it carries its own small error type with a
 * stable `code`, like core's errors do.
 */
export class SimulatorConfigError extends Error {
  /** Stable machine-readable code. */
  readonly code = 'SIMULATOR_CONFIG_INVALID';
  /** The option that was rejected, e.g. `rateLimit.calls`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'SimulatorConfigError';
    this.field = field;
  }
}

/** Checks that `value` is an integer in [min, max] and names the option otherwise. */
export function requireInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SimulatorConfigError(field, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/** Checks that `value` is a finite number in [min, max] and names the option otherwise. */
export function requireNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new SimulatorConfigError(field, `must be a number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}
