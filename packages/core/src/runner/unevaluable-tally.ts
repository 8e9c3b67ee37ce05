import type { UnevaluableDevice } from '../errors/rules-unevaluable-error.js';
import { unevaluableExamplesKept } from '../rules/unevaluable-examples-kept.js';

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
    if (this.examples.length < unevaluableExamplesKept) this.examples.push(device);
    this.forward?.(device);
  };
}
