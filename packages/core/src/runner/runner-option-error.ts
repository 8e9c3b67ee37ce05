import { FleetcastError } from '../errors/fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.RunnerOptionError');

/** A runner option, retry policy or budget setting is out of range. The message names the field and the limit. */
export class RunnerOptionError extends FleetcastError {
  protected readonly [marker] = true;
  /** Dotted name of the offending option, e.g. `retry.maxAttempts`. */
  readonly option: string;
  /** The rejected value (never a secret: runner options hold none). */
  readonly value: unknown;

  constructor(option: string, value: unknown, limit: string) {
    super('FLEETCAST_INVALID_RUNNER_OPTION', `${option}: ${describe(value)} is not allowed (${limit})`);
    this.name = 'RunnerOptionError';
    this.option = option;
    this.value = value;
  }

  /** True when `value` is a RunnerOptionError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is RunnerOptionError {
    return FleetcastError.hasMarker(value, marker);
  }
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Throws {@link RunnerOptionError} unless `value` is an integer within `[min, max]`. */
export function requireInteger(option: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RunnerOptionError(option, value, `an integer from ${min} to ${max}`);
  }
  return value;
}

/** Throws {@link RunnerOptionError} unless `value` is a finite number within `[min, max]`. */
export function requireNumber(option: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RunnerOptionError(option, value, `a number from ${min} to ${max}`);
  }
  return value;
}
