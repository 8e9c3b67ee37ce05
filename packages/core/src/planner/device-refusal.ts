/**
 * A device the planner left out of every task although the directory (or list) yielded it:
 * - `invalid_device_id`: the ID breaks the rule both platforms apply at create (letters, digits, `_`, `-`,
 *   1–128 characters); refused only with `skipInvalidDevices`, else planning stops.
 * - `duplicate`: the ID was yielded before; the first occurrence is kept, so a device is in at most one task.
 */
export interface DeviceRefusal {
  readonly reason: 'invalid_device_id' | 'duplicate';
  /** The ID as yielded (not necessarily a string when it is invalid). */
  readonly deviceId: unknown;
  /** Names where it came from and the rule, e.g. `the directory's DeviceType answer, ID 7: "bad id!" is not …`. */
  readonly message: string;
}

/** How many devices a plan refused, by reason, and the first few messages about invalid ones. */
export interface RefusedDevices {
  invalid: number;
  duplicates: number;
  /** Messages of the first {@link refusedExamplesKept} invalid IDs. */
  examples: string[];
}

/** Invalid-ID messages a {@link RefusedDevices} keeps. */
export const refusedExamplesKept = 10;

/** Adds refusals up into a {@link RefusedDevices}; `receive` is bound, so it can be passed as a callback. */
export class RefusedDeviceTally {
  readonly refused: RefusedDevices = { invalid: 0, duplicates: 0, examples: [] };

  constructor(private readonly forward?: (refusal: DeviceRefusal) => void) {}

  readonly receive = (refusal: DeviceRefusal): void => {
    if (refusal.reason === 'duplicate') this.refused.duplicates++;
    else {
      this.refused.invalid++;
      if (this.refused.examples.length < refusedExamplesKept) this.refused.examples.push(refusal.message);
    }
    this.forward?.(refusal);
  };
}
