import type { DeviceRecord } from '../directory/device-record.js';
import { recordMatchesQuery } from '../directory/record-matches-query.js';
import { assignWave } from '../rollout/assign-wave.js';
import { match, P } from 'ts-pattern';
import type { Campaign } from '../campaign/campaign.js';
import type { RulesTarget, TargetSpec } from '../campaign/target-spec.js';
import { describeLiteral } from '../errors/describe-value.js';
import { type CompileConditionsOptions, compileConditions } from './compile-conditions.js';
import type { ConditionTrace, RuleExplanation } from './explain-conditions.js';

/** Why a device is or is not targeted by a campaign. */
export interface DeviceExplanation {
  readonly deviceId: string;
  readonly targeted: boolean;
  /**
   * - `excluded`: listed in `target.exclude`.
   * - `listed` / `not-listed`: a DeviceList target.
   * - `selected` / `not-selected`: a selector target (by the record's fields, as a directory selects).
   * - `rule-matched` / `rule-unmatched` / `unevaluable`: a Rules target.
   * - `beyond-waves`: targeted, but its bucket is above the last wave's percent.
   */
  readonly reason:
    | 'excluded'
    | 'listed'
    | 'not-listed'
    | 'selected'
    | 'not-selected'
    | 'rule-matched'
    | 'rule-unmatched'
    | 'unevaluable'
    | 'beyond-waves';
  /** One sentence, e.g. `conditions.all[1]: firmwareVersion lessThan 3 is false (firmwareVersion is 4)`. */
  readonly message: string;
  /** For a Rules target: the deciding conditions with the values they saw. */
  readonly rule?: RuleExplanation;
  /** With a rollout: the device's bucket in [0, 10000) and its 0-based wave. */
  readonly bucket?: number;
  readonly wave?: number;
}

function describeTrace(trace: ConditionTrace): string {
  if (trace.kind === 'constant') return `${trace.location}: ${trace.reason} (false)`;
  const fact = trace.path ? `${trace.fact} ${trace.path}` : trace.fact;
  return (
    `${trace.location}: ${fact} ${trace.operator} ${describeLiteral(trace.comparedValue)} is ${trace.result} ` +
    `(${fact} is ${describeLiteral(trace.factValue)})`
  );
}

/** The Rules part of {@link explainDevice}: the compiled rule's trace for one device. */
function explainRule(
  target: RulesTarget,
  device: DeviceRecord,
  options: Omit<CompileConditionsOptions, 'namedConditions' | 'customOperators' | 'dynamicFacts'>,
): DeviceExplanation {
  const rule = compileConditions(target.conditions, { ...options, namedConditions: target.namedConditions });
  if (rule.kind !== 'compiled') {
    throw new Error('unreachable: explainDevice takes no custom operators or dynamic facts');
  }
  const explanation = rule.explain(device);
  const reason =
    explanation.outcome === 'matched'
      ? 'rule-matched'
      : explanation.outcome === 'unmatched'
        ? 'rule-unmatched'
        : 'unevaluable';
  const details =
    explanation.outcome === 'unevaluable'
      ? (explanation.error ?? 'cannot be evaluated')
      : explanation.decisive.map(describeTrace).join('; ') || 'an empty all/any is true';
  return {
    deviceId: device.id,
    targeted: explanation.outcome === 'matched',
    reason,
    message: `${explanation.outcome}: ${details}`,
    rule: explanation,
  };
}

/**
 * Explains whether a device is targeted by a campaign and why: an exclusion, the list, the selector, or for a
 * Rules target the first failing condition with the fact's value (every alternative for a failed `any`); then,
 * with a rollout, its bucket and wave. Selectors are judged on the record's fields the way the in-memory
 * directory and the planner's Broadcast filter judge them. Custom operators and dynamic facts are not taken
 * here (they run on json-rules-engine, which gives no per-condition trace): a rule using a custom operator
 * fails with a `RuleCompileError` (unknown operator), as do other static mistakes, and a dynamic fact's name
 * is read from the record like any other fact.
 *
 * @example
 * explainDevice(campaign, { id: 'meter_7', deviceType: 'WaterMeter', facts: { firmwareVersion: 4 } }).message;
 * // 'conditions.all[1]: firmwareVersion lessThan 3 is false (firmwareVersion is 4)'
 */
export function explainDevice(
  campaign: Pick<Campaign, 'name' | 'target' | 'rollout'>,
  device: DeviceRecord,
  options: Omit<CompileConditionsOptions, 'namedConditions' | 'customOperators' | 'dynamicFacts'> = {},
): DeviceExplanation {
  const deviceId = device.id;
  const { target } = campaign;
  if (target.exclude?.includes(deviceId)) {
    return {
      deviceId,
      targeted: false,
      reason: 'excluded',
      message: `${deviceId} is listed in target.exclude`,
    };
  }
  const selection = match<TargetSpec, DeviceExplanation>(target)
    .with({ type: 'DeviceList' }, (list) => {
      const listed = list.deviceIds.includes(deviceId);
      return {
        deviceId,
        targeted: listed,
        reason: listed ? 'listed' : 'not-listed',
        message: `${deviceId} is ${listed ? '' : 'not '}in target.deviceIds`,
      };
    })
    .with({ type: 'Rules' }, (rules) => explainRule(rules, device, options))
    .with(
      { type: P.union('DeviceType', 'DeviceArea', 'GroupList', 'GroupIdList', 'Broadcast', 'Filter') },
      (selector) => {
        const { exclude: _exclude, ...query } = selector;
        const selected = recordMatchesQuery(device, query);
        return {
          deviceId,
          targeted: selected,
          reason: selected ? 'selected' : 'not-selected',
          message: `${deviceId} ${selected ? 'answers' : 'does not answer'} the ${selector.type} selector`,
        };
      },
    )
    .exhaustive();
  if (!selection.targeted || !campaign.rollout) return selection;
  const { bucket, wave } = assignWave(campaign, deviceId);
  if (wave === undefined) {
    const last = campaign.rollout.waves.at(-1)?.percent;
    return {
      ...selection,
      targeted: false,
      reason: 'beyond-waves',
      message: `${selection.message}; bucket ${bucket} is beyond the last wave (${last} % = buckets below ${Math.round((last ?? 0) * 100)})`,
      bucket,
    };
  }
  // Waves read 1-based in messages, as task names (`_wave1`) show them; the `wave` field stays 0-based.
  const waves = campaign.rollout.waves.length;
  return {
    ...selection,
    message: `${selection.message}; bucket ${bucket}, wave ${wave + 1} of ${waves}`,
    bucket,
    wave,
  };
}
