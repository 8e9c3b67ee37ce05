import { FleetcastError } from '../errors/fleetcast-error.js';

/** A rollout specification that cannot be used (code `FLEETCAST_INVALID_ROLLOUT`); the message names the field. */
export class RolloutError extends FleetcastError {
  /** The offending field, e.g. `rollout.waves[1].percent`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('FLEETCAST_INVALID_ROLLOUT', `${field}: ${message}`);
    this.name = 'RolloutError';
    this.field = field;
  }

  /** True when `value` is a RolloutError from any copy of this package. */
  static override isInstance(value: unknown): value is RolloutError {
    return FleetcastError.isInstance(value) && (value as FleetcastError).name === 'RolloutError';
  }
}
