import type { UnevaluableDevice } from '../rules/rules-unevaluable-error.js';

/** Examples of unevaluable devices the report keeps: enough to act on, bounded for a 10 M-device fleet. */
const examplesKept = 5;

/**
 * Counts the devices a Rules target could not evaluate while the runner planned, for the report. The runner
 * always receives them this way (and passes each on to the caller's `rules.onUnevaluable`), so a strict rule
 * never fails a run halfway, after some tasks were created, and never drops a device silently.
 */
export class UnevaluableTally {
  devices = 0;
  readonly examples: UnevaluableDevice[] = [];

  constructor(private readonly forward?: (device: UnevaluableDevice) => void) {}

  /** The `onUnevaluable` handler to plan with. */
  readonly receive = (device: UnevaluableDevice): void => {
    this.devices += 1;
    if (this.examples.length < examplesKept) this.examples.push(device);
    this.forward?.(device);
  };
}
