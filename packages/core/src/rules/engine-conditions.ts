import type { TopLevelCondition } from 'json-rules-engine';
import type { DeviceRecord } from '../directory/device-record.js';
import type { RuleCondition } from '../campaign/target-spec.js';
import { copyLiteral } from './copy-literal.js';
import { deviceFacts } from './device-facts.js';

/** A custom operator: json-rules-engine's `addOperator(name, callback)` callback. */
export type CustomOperator = (factValue: unknown, value: unknown) => unknown;

/** What a {@link DynamicFact} may ask of json-rules-engine's almanac: another fact of the same device. */
export interface DynamicFactAlmanac {
  factValue(factId: string, params?: Record<string, unknown>, path?: string): Promise<unknown>;
}

/**
 * A dynamic fact: json-rules-engine's `addFact(id, callback)` callback, computed per device and run (sync or
 * async). `params` are the condition's `params`; `almanac.factValue('id')` reads the device's other facts.
 */
export type DynamicFact = (params: Record<string, unknown>, almanac: DynamicFactAlmanac) => unknown;

let engineModule: Promise<typeof import('json-rules-engine')> | undefined;

/** What the json-rules-engine path needs to rebuild an Engine. */
export interface EngineRuleSource {
  readonly conditions: RuleCondition;
  readonly namedConditions: Readonly<Record<string, RuleCondition>>;
  readonly strict: boolean;
  readonly allowUndefinedConditions: boolean;
  readonly customOperators: Readonly<Record<string, CustomOperator>>;
  readonly dynamicFacts: Readonly<Record<string, DynamicFact>>;
}

/**
 * Evaluates a rule on json-rules-engine itself, for what cannot be compiled (custom operators, dynamic facts).
 * Every call builds its own Engine: json-rules-engine's engine-wide `status` makes overlapping runs on one Engine
 * skip rules silently (issue #303), so an Engine is never shared between in-flight runs. Dynamic facts are
 * engine facts and the device's facts runtime facts, so a device's own fact of the same name wins, as in
 * json-rules-engine's `run(facts)`.
 */
export function createEngineEvaluator(source: EngineRuleSource): (record: DeviceRecord) => Promise<boolean> {
  // json-rules-engine mutates leaf priorities in the objects it is given: hand it a private copy each time.
  const named = Object.entries(source.namedConditions);
  const dynamicFacts = Object.entries(source.dynamicFacts);
  return async (record) => {
    // Loaded on first use: compiled rules never need it, and it costs about 7 MiB of RSS.
    engineModule ??= import('json-rules-engine');
    const { Engine } = await engineModule;
    const engine = new Engine([], {
      allowUndefinedFacts: !source.strict,
      allowUndefinedConditions: source.allowUndefinedConditions,
    });
    for (const [name, callback] of Object.entries(source.customOperators)) {
      engine.addOperator(name, callback as (factValue: unknown, value: unknown) => boolean);
    }
    for (const [name, callback] of dynamicFacts) engine.addFact(name, callback as never);
    for (const [name, condition] of named)
      engine.setCondition(name, copyLiteral(condition) as TopLevelCondition);
    engine.addRule({
      conditions: copyLiteral(source.conditions) as TopLevelCondition,
      event: { type: 'fleetcast-match' },
    });
    const { results } = await engine.run(deviceFacts(record));
    return results.length > 0;
  };
}
