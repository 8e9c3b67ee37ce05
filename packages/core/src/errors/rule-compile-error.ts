import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.RuleCompileError');

/**
 * Stable codes of {@link RuleCompileError}:
 * - `FLEETCAST_RULES_INVALID`: the condition JSON is malformed (json-rules-engine would refuse it in `addRule`),
 *   or mixes node kinds in a way fleetcast refuses to guess about.
 * - `FLEETCAST_RULES_UNKNOWN_OPERATOR`: an operator or decorator name that is neither built in nor registered.
 * - `FLEETCAST_RULES_BAD_VALUE`: a literal `value` an operator would throw on (`in` with a number, `someValue` on a
 *   non-array, …).
 * - `FLEETCAST_RULES_MISSING_CONDITION`: a `{condition: name}` reference without a definition.
 * - `FLEETCAST_RULES_CONDITION_CYCLE`: named conditions that reference each other in a loop.
 */
export type RuleCompileErrorCode =
  | 'FLEETCAST_RULES_INVALID'
  | 'FLEETCAST_RULES_UNKNOWN_OPERATOR'
  | 'FLEETCAST_RULES_BAD_VALUE'
  | 'FLEETCAST_RULES_MISSING_CONDITION'
  | 'FLEETCAST_RULES_CONDITION_CYCLE';

/**
 * A targeting rule that cannot be compiled. Raised at compile time, for every device at once, where
 * json-rules-engine would only fail when (and if) the offending branch is evaluated.
 */
export class RuleCompileError extends FleetcastError {
  protected readonly [marker] = true;
  /** Where in the condition tree, e.g. `conditions.all[2].any[0].value` or `namedConditions.beta.all[1]`. */
  readonly location: string;

  constructor(code: RuleCompileErrorCode, location: string, message: string) {
    super(code, `${location}: ${message}`);
    this.name = 'RuleCompileError';
    this.location = location;
  }

  /** True when `value` is a RuleCompileError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is RuleCompileError {
    return FleetcastError.hasMarker(value, marker);
  }
}
