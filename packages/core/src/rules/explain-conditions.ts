import type { DeviceRecord } from '../directory/device-record.js';
import { MissingFactSignal } from './compile-leaf.js';
import type { RuleNode } from './rule-tree.js';

/** A leaf that decided the outcome, with what it compared. */
export interface LeafTrace {
  readonly kind: 'leaf';
  readonly location: string;
  readonly fact: string;
  readonly path?: string;
  readonly operator: string;
  /** The condition's `value` as written. */
  readonly value: unknown;
  /** The fact's value after the path (`undefined` when the device lacks the fact). */
  readonly factValue: unknown;
  /** The value compared against (differs from `value` for a fact reference). */
  readonly comparedValue: unknown;
  readonly result: boolean;
}

/** A reference to an undefined named condition (allowed by `allowUndefinedConditions`): always false. */
export interface ConstantTrace {
  readonly kind: 'constant';
  readonly location: string;
  readonly reason: string;
  readonly result: boolean;
}

/** One element of {@link RuleExplanation.decisive}. */
export type ConditionTrace = LeafTrace | ConstantTrace;

/** Why a device matches a rule or not. */
export interface RuleExplanation {
  readonly outcome: 'matched' | 'unmatched' | 'unevaluable';
  /**
   * The conditions that decided the outcome: for a failed `all`, its first failing condition; for a failed
   * `any`, every alternative; for a match, the conditions that held. Empty when unevaluable.
   */
  readonly decisive: readonly ConditionTrace[];
  /** Why the device cannot be evaluated (strict mode and a missing fact, or an operator error). */
  readonly error?: string;
}

interface Traced {
  readonly result: boolean;
  readonly decisive: readonly ConditionTrace[];
}

function trace(node: RuleNode, record: DeviceRecord): Traced {
  switch (node.kind) {
    case 'constant':
      return {
        result: node.value,
        decisive: [{ kind: 'constant', location: node.location, reason: node.reason, result: node.value }],
      };
    case 'not': {
      const inner = trace(node.child, record);
      return { result: !inner.result, decisive: inner.decisive };
    }
    case 'leaf': {
      const compiled = node.compiled;
      if (!compiled) throw new Error('a custom operator can only be explained by json-rules-engine');
      const comparedValue = compiled.readValue(record);
      const factValue = compiled.readFact(record);
      const result = compiled.apply(factValue, comparedValue);
      return {
        result,
        decisive: [
          {
            kind: 'leaf',
            location: node.location,
            fact: node.fact,
            ...(node.path ? { path: node.path } : {}),
            operator: node.operator,
            value: node.value,
            factValue,
            comparedValue,
            result,
          },
        ],
      };
    }
    default: {
      // json-rules-engine: an empty all and an empty any are both true.
      if (node.groups.length === 0) return { result: true, decisive: [] };
      const isAll = node.kind === 'all';
      const held: ConditionTrace[] = [];
      for (const group of node.groups) {
        // Like json-rules-engine: every child of a group runs; the group decides when one child does.
        const results = group.map((child) => trace(child, record));
        const deciding = results.find((child) => child.result !== isAll);
        if (deciding) return { result: !isAll, decisive: deciding.decisive };
        for (const child of results) held.push(...child.decisive);
      }
      return { result: isAll, decisive: held };
    }
  }
}

/** Describes an evaluation error without leaking anything but the fact name. */
export function describeEvaluationError(error: unknown): string {
  if (error instanceof MissingFactSignal)
    return `fact "${error.fact}" is not defined for this device (strict mode)`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Traces a compiled tree over one record, in json-rules-engine's evaluation order. */
export function explainTree(root: RuleNode, record: DeviceRecord): RuleExplanation {
  try {
    const { result, decisive } = trace(root, record);
    return { outcome: result ? 'matched' : 'unmatched', decisive };
  } catch (error) {
    return { outcome: 'unevaluable', decisive: [], error: describeEvaluationError(error) };
  }
}
