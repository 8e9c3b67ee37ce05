import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.RulesUnevaluableError');

/** One device a strict rule could not evaluate, and why. */
export interface UnevaluableDevice {
  readonly deviceId: string;
  readonly reason: string;
}

/**
 * Rule expansion met devices it cannot evaluate (a fact they lack in strict mode, an operator error) and no
 * `onUnevaluable` handler was given to receive them: rather than drop them silently, the plan fails. Holds the
 * count and the first few devices.
 */
export class RulesUnevaluableError extends FleetcastError {
  protected readonly [marker] = true;
  readonly count: number;
  readonly examples: readonly UnevaluableDevice[];

  constructor(count: number, examples: readonly UnevaluableDevice[]) {
    const shown = examples.map((device) => `${device.deviceId} (${device.reason})`).join('; ');
    super(
      'FLEETCAST_RULES_UNEVALUABLE',
      `target.conditions: ${count} device(s) cannot be evaluated (a fact missing in strict mode, or an operator ` +
        `error), e.g. ${shown}; pass rules.onUnevaluable to receive them`,
    );
    this.name = 'RulesUnevaluableError';
    this.count = count;
    this.examples = examples;
  }

  /** True when `value` is a RulesUnevaluableError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is RulesUnevaluableError {
    return FleetcastError.hasMarker(value, marker);
  }
}
