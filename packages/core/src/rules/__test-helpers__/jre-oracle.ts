/** json-rules-engine 7.3.1 as the oracle of the tests: a fresh Engine per case. Test-only. */
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import type { DeviceRecord } from '../../directory/device-record.js';
import type { RuleCondition } from '../../campaign/target-spec.js';
import type { RuleOutcome } from '../compile-conditions.js';

/** The facts json-rules-engine is given: written independently of the library's own deviceFacts. */
function oracleFacts(record: DeviceRecord): Record<string, unknown> {
  const facts: Record<string, unknown> = Object.create(null);
  const bag = record.facts as unknown;
  if (typeof bag === 'object' && bag !== null && !Array.isArray(bag)) {
    for (const key of Object.keys(bag)) if (key !== '') facts[key] = (bag as Record<string, unknown>)[key];
  }
  for (const key of Object.keys(record)) {
    if (key !== 'facts' && key !== '') facts[key] = (record as unknown as Record<string, unknown>)[key];
  }
  return facts;
}

export interface OracleOptions {
  strict: boolean;
  allowUndefinedConditions: boolean;
}

/** json-rules-engine's answer: passes, fails, or the run rejects. */
export async function jreOutcome(
  conditions: RuleCondition,
  named: Readonly<Record<string, RuleCondition>>,
  record: DeviceRecord,
  options: OracleOptions,
  customOperators: Readonly<Record<string, (a: unknown, b: unknown) => unknown>> = {},
  dynamicFacts: Readonly<Record<string, (params: never, almanac: never) => unknown>> = {},
): Promise<RuleOutcome | 'refused'> {
  let engine: Engine;
  try {
    engine = new Engine([], {
      allowUndefinedFacts: !options.strict,
      allowUndefinedConditions: options.allowUndefinedConditions,
    });
    for (const [name, callback] of Object.entries(customOperators)) {
      engine.addOperator(name, callback as (a: unknown, b: unknown) => boolean);
    }
    for (const [name, callback] of Object.entries(dynamicFacts)) engine.addFact(name, callback as never);
    for (const [name, condition] of Object.entries(named)) {
      engine.setCondition(name, structuredClone(condition) as TopLevelCondition);
    }
    engine.addRule({
      conditions: structuredClone(conditions) as TopLevelCondition,
      event: { type: 'match' },
    });
  } catch {
    return 'refused';
  }
  try {
    const { results } = await engine.run(oracleFacts(record));
    return results.length > 0 ? 'matched' : 'unmatched';
  } catch {
    return 'unevaluable';
  }
}
