import type { DeviceDirectory, DirectoryReadOptions } from '../directory/device-directory.js';
import type { DeviceRecord } from '../directory/device-record.js';
import { PlanningError } from '../errors/planning-error.js';
import type { RulesTarget } from '../campaign/target-spec.js';
import { type CompileConditionsOptions, compileConditions } from '../rules/compile-conditions.js';
import { rulesPushdownQuery } from '../rules/rules-pushdown.js';
import { RulesUnevaluableError, type UnevaluableDevice } from '../errors/rules-unevaluable-error.js';
import { unevaluableExamplesKept } from '../rules/unevaluable-examples-kept.js';

/** How a Rules target is evaluated while planning (see docs/rules.md). */
export interface RulesPlanOptions extends Omit<CompileConditionsOptions, 'namedConditions'> {
  /**
   * Receives each device the rule cannot evaluate. Without it, any such device fails the expansion with a
   * {@link RulesUnevaluableError} once the directory has been read: devices are never dropped silently.
   */
  onUnevaluable?: (device: UnevaluableDevice) => void;
  /** Evaluations in flight at once on the json-rules-engine path (custom operators, dynamic facts). Default 32. */
  engineConcurrency?: number;
}

/** Options of {@link expandRulesTarget}. */
export interface ExpandRulesTargetOptions extends DirectoryReadOptions {
  rules?: RulesPlanOptions;
}

/**
 * Streams the IDs of the devices a Rules target matches: the directory's `Broadcast` listing, or a narrower
 * native query when the rule's top-level `all` pins deviceType, a group or location, filtered by the compiled
 * predicate (or json-rules-engine for custom operators and dynamic facts). The rule is compiled before the directory is read, so
 * a static mistake fails at once with a `RuleCompileError`.
 */
export async function* expandRulesTarget(
  target: RulesTarget,
  directory: DeviceDirectory,
  options: ExpandRulesTargetOptions = {},
): AsyncGenerator<readonly string[]> {
  const { onUnevaluable, engineConcurrency = 32, ...compileOptions } = options.rules ?? {};
  const rule = compileConditions(target.conditions, {
    ...compileOptions,
    namedConditions: target.namedConditions,
  });
  const query = rulesPushdownQuery(target.conditions, directory.selectors) ?? { type: 'Broadcast' as const };
  if (query.type === 'Broadcast' && !directory.selectors.has('Broadcast')) {
    throw new PlanningError(
      'FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR',
      `target: a Rules target is evaluated over the directory's Broadcast listing, which this directory does not ` +
        `answer (it answers: ${[...directory.selectors].join(', ') || 'nothing'}); pin deviceType, a group or ` +
        'location in the top-level "all" to narrow it',
    );
  }
  let unevaluable = 0;
  const examples: UnevaluableDevice[] = [];
  const report = async (record: DeviceRecord) => {
    const explanation = rule.kind === 'compiled' ? rule.explain(record) : await rule.explainAsync(record);
    const device = { deviceId: record.id, reason: explanation.error ?? 'unevaluable' };
    unevaluable++;
    if (onUnevaluable) onUnevaluable(device);
    else if (examples.length < unevaluableExamplesKept) examples.push(device);
  };
  const read = { batchSize: options.batchSize, signal: options.signal };
  for await (const batch of directory.devices(query, read)) {
    const ids: string[] = [];
    if (rule.kind === 'compiled') {
      for (const record of batch) {
        const outcome = rule.evaluate(record);
        if (outcome === 'matched') ids.push(record.id);
        else if (outcome === 'unevaluable') await report(record);
      }
    } else {
      for (let start = 0; start < batch.length; start += engineConcurrency) {
        const slice = batch.slice(start, start + engineConcurrency);
        const outcomes = await Promise.all(slice.map((record) => rule.evaluateAsync(record)));
        for (const [index, record] of slice.entries()) {
          if (outcomes[index] === 'matched') ids.push(record.id);
          else if (outcomes[index] === 'unevaluable') await report(record);
        }
      }
    }
    if (ids.length > 0) yield ids;
  }
  if (unevaluable > 0 && !onUnevaluable) throw new RulesUnevaluableError(unevaluable, examples);
}
