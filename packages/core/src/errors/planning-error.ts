import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.PlanningError');

/**
 * Why a valid campaign could not be planned:
 * - `FLEETCAST_EMPTY_TARGET`: no device remains after duplicates and exclusions are dropped.
 * - `FLEETCAST_DIRECTORY_REQUIRED`: the target must be expanded, and no directory was given.
 * - `FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR`: the directory can answer neither the selector nor `Broadcast`,
 *   or its listing carries none of the field the selector tests (v5 devices have no location).
 * - `FLEETCAST_TASK_NAME_UNREPRESENTABLE`: the name rule cannot hold a part suffix.
 * - `FLEETCAST_INVALID_DEVICE_RECORD`: a directory yielded a device ID the platforms refuse (see
 *   `PlanOptions.skipInvalidDevices`).
 */
export type PlanningErrorCode =
  | 'FLEETCAST_EMPTY_TARGET'
  | 'FLEETCAST_DIRECTORY_REQUIRED'
  | 'FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR'
  | 'FLEETCAST_TASK_NAME_UNREPRESENTABLE'
  | 'FLEETCAST_INVALID_DEVICE_RECORD';

/** A campaign passed validation but cannot be turned into tasks; `code` says why. */
export class PlanningError extends FleetcastError {
  protected readonly [marker] = true;
  declare readonly code: PlanningErrorCode;

  constructor(code: PlanningErrorCode, message: string) {
    super(code, message);
    this.name = 'PlanningError';
  }

  /** True when `value` is a PlanningError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is PlanningError {
    return FleetcastError.hasMarker(value, marker);
  }
}
