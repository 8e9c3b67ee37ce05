import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.RolloutError');

/** A rollout specification that cannot be used (code `FLEETCAST_INVALID_ROLLOUT`); the message names the field. */
export class RolloutError extends FleetcastError {
  protected readonly [marker] = true;
  /** The offending field, e.g. `rollout.waves[1].percent`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('FLEETCAST_INVALID_ROLLOUT', `${field}: ${message}`);
    this.name = 'RolloutError';
    this.field = field;
  }

  /** True when `value` is a RolloutError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is RolloutError {
    return FleetcastError.hasMarker(value, marker);
  }
}
