import { describeValue } from './describe-value.js';
import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.RunnerOptionError');

/** A runner option, retry policy or budget setting is out of range. The message names the field and the limit. */
export class RunnerOptionError extends FleetcastError {
  protected readonly [marker] = true;
  /** Dotted name of the offending option, e.g. `retry.maxAttempts`. */
  readonly option: string;
  /** The rejected value (never a secret: runner options hold none). */
  readonly value: unknown;

  constructor(option: string, value: unknown, limit: string) {
    super('FLEETCAST_INVALID_RUNNER_OPTION', `${option}: ${describeValue(value)} is not allowed (${limit})`);
    this.name = 'RunnerOptionError';
    this.option = option;
    this.value = value;
  }

  /** True when `value` is a RunnerOptionError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is RunnerOptionError {
    return FleetcastError.hasMarker(value, marker);
  }
}
