import type { DeviceRecord } from '../directory/device-record.js';
import type { RuleCondition } from '../campaign/target-spec.js';
import { type CustomOperator, type DynamicFact, createEngineEvaluator } from './engine-conditions.js';
import { type RuleExplanation, describeEvaluationError, explainTree } from './explain-conditions.js';
import { describeLiteral } from '../errors/describe-value.js';
import { RuleCompileError } from '../errors/rule-compile-error.js';
import { canGenerateCode, generateEvaluator } from './generate-predicate.js';
import { buildRuleTree } from './rule-tree.js';

/**
 * The answer for one device: it matches, it does not, or it cannot be evaluated (strict mode and a missing
 * fact, or an operator error json-rules-engine would reject the run with). Unevaluable is never folded into
 * "does not match": the plan reports such devices.
 */
export type RuleOutcome = 'matched' | 'unmatched' | 'unevaluable';

/** Options of {@link compileConditions}. */
export interface CompileConditionsOptions {
  /** Definitions for `{condition: name}` references (a `RulesTarget`'s `namedConditions`). */
  namedConditions?: Readonly<Record<string, RuleCondition>>;
  /**
   * json-rules-engine's default error model: a condition on a fact the device does not have makes the device
   * unevaluable. Default false: a missing fact is `undefined`, as with `allowUndefinedFacts: true`.
   */
  strict?: boolean;
  /** A reference to an undefined named condition is false instead of a compile error (json-rules-engine option). */
  allowUndefinedConditions?: boolean;
  /**
   * Custom operators (json-rules-engine `addOperator`). A rule that uses one cannot be compiled and runs on
   * json-rules-engine itself, asynchronously, one Engine per evaluation.
   */
  customOperators?: Readonly<Record<string, CustomOperator>>;
  /**
   * Dynamic facts (json-rules-engine `addFact(id, callback)`), computed per device: `(params, almanac) => value`,
   * sync or async. A rule that reads one (as a condition's fact or a fact-reference value) cannot be compiled and
   * runs on json-rules-engine itself, asynchronously, one Engine per evaluation. A device's own fact of the same
   * name wins, as a runtime fact does in json-rules-engine.
   */
  dynamicFacts?: Readonly<Record<string, DynamicFact>>;
  /**
   * Compile the conditions to one generated JavaScript function per rule (`new Function`), the fastest back
   * end. Default true, unless the host forbids code generation from strings (Node's
   * `--disallow-code-generation-from-strings`, a CSP without `unsafe-eval`), which is detected. False, or a host
   * that forbids it, evaluates the closure tree instead: same answers, slower.
   */
  codeGeneration?: boolean;
}

interface ConditionsBase {
  /** Every fact name the rule reads (record fields or `facts` entries). */
  readonly facts: ReadonlySet<string>;
  /** Evaluates one device; always available. */
  evaluateAsync(record: DeviceRecord): Promise<RuleOutcome>;
}

/** A rule compiled to a synchronous predicate with json-rules-engine 7.3.1's exact answers. */
export interface CompiledConditions extends ConditionsBase {
  readonly kind: 'compiled';
  /** Which back end evaluates: generated JavaScript, or the closure tree (code generation off or forbidden). */
  readonly backend: 'generated' | 'closures';
  /** Evaluates one device synchronously. */
  evaluate(record: DeviceRecord): RuleOutcome;
  /** Why the device matches or not: the deciding conditions with the fact values they saw. */
  explain(record: DeviceRecord): RuleExplanation;
}

/** A rule that uses custom operators or dynamic facts: it runs on json-rules-engine, asynchronously. */
export interface EngineConditions extends ConditionsBase {
  readonly kind: 'engine';
  /** The outcome with json-rules-engine's rejection message when unevaluable (no per-condition trace). */
  explainAsync(record: DeviceRecord): Promise<RuleExplanation>;
}

/** Refuses what json-rules-engine's `addFact` would: an empty fact name, a callback that is not a function. */
function checkDynamicFacts(
  dynamicFacts: Readonly<Record<string, DynamicFact>>,
): Readonly<Record<string, DynamicFact>> {
  for (const [name, callback] of Object.entries(dynamicFacts)) {
    if (name === '' || typeof callback !== 'function') {
      throw new RuleCompileError(
        'FLEETCAST_RULES_INVALID',
        `dynamicFacts${name === '' ? '[""]' : `.${name}`}`,
        name === ''
          ? 'a dynamic fact needs a non-empty name'
          : `a dynamic fact must be a function (params, almanac) => value, got ${describeLiteral(callback)}`,
      );
    }
  }
  return dynamicFacts;
}

/**
 * Compiles json-rules-engine condition JSON into a predicate over device records.
 *
 * The facts of a device are its record fields (except `facts`) and the entries of `record.facts`; a record
 * field wins on a name clash. Everything json-rules-engine 7.3.1 does with built-in operators and decorators is
 * reproduced, quirks included (see docs/rules.md). Static mistakes (unknown operator, an `in` value that is
 * neither an array nor a string, a missing or cyclic named condition, malformed JSON) throw a
 * {@link RuleCompileError} here, for every device at once.
 *
 * @example
 * const rule = compileConditions({ all: [
 *   { fact: 'deviceType', operator: 'equal', value: 'WaterMeter' },
 *   { fact: 'firmwareVersion', operator: 'lessThan', value: 3 },
 * ] });
 * if (rule.kind === 'compiled') rule.evaluate({ id: 'd1', deviceType: 'WaterMeter', facts: { firmwareVersion: 2 } }); // 'matched'
 */
export function compileConditions(
  conditions: RuleCondition,
  options: CompileConditionsOptions = {},
): CompiledConditions | EngineConditions {
  const strict = options.strict ?? false;
  const allowUndefinedConditions = options.allowUndefinedConditions ?? false;
  const customOperators = options.customOperators ?? {};
  const dynamicFacts = checkDynamicFacts(options.dynamicFacts ?? {});
  const tree = buildRuleTree(conditions, {
    namedConditions: options.namedConditions,
    strict,
    allowUndefinedConditions,
    customOperators: new Set(Object.keys(customOperators)),
    dynamicFacts: new Set(Object.keys(dynamicFacts)),
  });
  if (tree.needsEngine) {
    const run = createEngineEvaluator({
      conditions,
      namedConditions: options.namedConditions ?? {},
      strict,
      allowUndefinedConditions,
      customOperators,
      dynamicFacts,
    });
    const explainAsync = (record: DeviceRecord): Promise<RuleExplanation> =>
      run(record).then(
        (matched): RuleExplanation => ({ outcome: matched ? 'matched' : 'unmatched', decisive: [] }),
        (error: unknown): RuleExplanation => ({
          outcome: 'unevaluable',
          decisive: [],
          error: describeEvaluationError(error),
        }),
      );
    return {
      kind: 'engine',
      facts: tree.facts,
      evaluateAsync: async (record) => (await explainAsync(record)).outcome,
      explainAsync,
    };
  }
  const backend = (options.codeGeneration ?? true) && canGenerateCode() ? 'generated' : 'closures';
  const root = tree.root.evaluate;
  const evaluate =
    backend === 'generated'
      ? generateEvaluator(tree.root, strict)
      : (record: DeviceRecord): RuleOutcome => {
          try {
            return root(record) ? 'matched' : 'unmatched';
          } catch {
            // Only a missing fact in strict mode or an operator error thrown on the record's values get here.
            return 'unevaluable';
          }
        };
  return {
    kind: 'compiled',
    backend,
    facts: tree.facts,
    evaluate,
    evaluateAsync: async (record) => evaluate(record),
    explain: (record) => explainTree(tree.root, record),
  };
}
