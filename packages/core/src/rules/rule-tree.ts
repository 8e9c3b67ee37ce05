import type { DeviceRecord } from '../directory/device-record.js';
import type { RuleCondition } from '../campaign/target-spec.js';
import { type CompiledLeaf, compileLeaf } from './compile-leaf.js';
import { copyLiteral, hasProtoKey } from './copy-literal.js';
import { describeLiteral } from '../errors/describe-value.js';
import { RuleCompileError } from '../errors/rule-compile-error.js';
import { type OperatorChain, resolveOperatorChain } from './rule-operators.js';

/** Options that change what a condition tree means. */
export interface RuleTreeOptions {
  readonly namedConditions?: Readonly<Record<string, RuleCondition>> | undefined;
  readonly strict: boolean;
  readonly allowUndefinedConditions: boolean;
  readonly customOperators: ReadonlySet<string>;
  /** Names of dynamic facts: a condition reading one (on either side) must run on json-rules-engine. */
  readonly dynamicFacts: ReadonlySet<string>;
}

interface NodeBase {
  /** Where the node is written, e.g. `conditions.all[1]` or `namedConditions.beta.any[0]`. */
  readonly location: string;
  readonly evaluate: (record: DeviceRecord) => boolean;
  /** False when evaluating the node can never throw. */
  readonly canThrow: boolean;
}

/** A `{fact, operator, value}` leaf. */
export interface LeafNode extends NodeBase {
  readonly kind: 'leaf';
  readonly fact: string;
  readonly path: string | undefined;
  readonly operator: string;
  /** The value as written (a literal or a fact reference). */
  readonly value: unknown;
  readonly compiled: CompiledLeaf | undefined;
}

/** `all`/`any`: children in json-rules-engine's priority groups, highest priority first. */
export interface GroupNode extends NodeBase {
  readonly kind: 'all' | 'any';
  readonly groups: readonly (readonly RuleNode[])[];
}

/** `not`. */
export interface NotNode extends NodeBase {
  readonly kind: 'not';
  readonly child: RuleNode;
}

/** A reference to an undefined named condition under `allowUndefinedConditions`: always false. */
export interface ConstantNode extends NodeBase {
  readonly kind: 'constant';
  readonly value: boolean;
  readonly reason: string;
}

/** One node of a compiled condition tree. */
export type RuleNode = LeafNode | GroupNode | NotNode | ConstantNode;

/** A validated, reference-free condition tree. */
export interface RuleTree {
  readonly root: RuleNode;
  /**
   * True when some operator is a registered custom one or some condition reads a dynamic fact: the tree must
   * then run on json-rules-engine.
   */
  readonly needsEngine: boolean;
  /** Every fact the tree reads, on either side. */
  readonly facts: ReadonlySet<string>;
}

const booleanKeys = ['any', 'all', 'not'] as const;
const hasOwn = Object.hasOwn;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(location: string, message: string): never {
  throw new RuleCompileError('FLEETCAST_RULES_INVALID', location, message);
}

function checkPath(path: unknown, location: string): string | undefined {
  // json-rules-engine applies a path only when it is truthy.
  if (!path) return undefined;
  if (typeof path !== 'string') invalid(location, `"path" must be a string, got ${describeLiteral(path)}`);
  return path;
}

function checkPriority(condition: Record<string, unknown>, location: string): unknown {
  const priority = condition.priority;
  if (priority !== undefined && typeof priority !== 'number') {
    invalid(`${location}.priority`, `"priority" must be a number, got ${describeLiteral(priority)}`);
  }
  return priority;
}

/** Validates and compiles a condition tree, inlining named conditions. Throws {@link RuleCompileError}. */
export function buildRuleTree(conditions: RuleCondition, options: RuleTreeOptions): RuleTree {
  const named = options.namedConditions ?? {};
  const compiledNamed = new Map<string, RuleNode>();
  const inProgress: string[] = [];
  const facts = new Set<string>();
  let needsEngine = false;

  const reference = (name: unknown, location: string): RuleNode => {
    if (typeof name !== 'string' || name === '') {
      invalid(location, `"condition" must be a non-empty string, got ${describeLiteral(name)}`);
    }
    const cached = compiledNamed.get(name);
    if (cached) return cached;
    if (inProgress.includes(name)) {
      const cycle = [...inProgress.slice(inProgress.indexOf(name)), name].join(' → ');
      throw new RuleCompileError(
        'FLEETCAST_RULES_CONDITION_CYCLE',
        location,
        `named conditions form a cycle: ${cycle}`,
      );
    }
    if (!hasOwn(named, name)) {
      if (!options.allowUndefinedConditions) {
        throw new RuleCompileError(
          'FLEETCAST_RULES_MISSING_CONDITION',
          location,
          `no named condition "${name}" (namedConditions has ${Object.keys(named).length})`,
        );
      }
      return {
        kind: 'constant',
        location,
        value: false,
        reason: `named condition "${name}" is not defined`,
        evaluate: () => false,
        canThrow: false,
      };
    }
    inProgress.push(name);
    const node = namedRoot(named[name], `namedConditions.${name}`);
    inProgress.pop();
    compiledNamed.set(name, node);
    return node;
  };

  // A root (rule or named condition) must be all/any/not or a reference, as json-rules-engine requires.
  const namedRoot = (condition: unknown, location: string): RuleNode => {
    if (!isObject(condition)) invalid(location, 'a condition must be an object');
    if (!booleanKeys.some((key) => hasOwn(condition, key)) && !hasOwn(condition, 'condition')) {
      invalid(location, 'a root condition must have "all", "any", "not" or "condition"');
    }
    return node(condition, location).node;
  };

  const node = (condition: unknown, location: string): { node: RuleNode; priority: unknown } => {
    if (!isObject(condition)) invalid(location, 'a condition must be an object');
    const rawPriority = checkPriority(condition, location);
    const booleanKey = booleanKeys.find((key) => hasOwn(condition, key));
    if (hasOwn(condition, 'condition')) {
      // json-rules-engine gives a reference precedence over all/any/not below the root but not at the root, and
      // merges the definition into the node; fleetcast refuses such mixed nodes instead of guessing.
      const mixed = [...booleanKeys, 'fact', 'operator', 'value'].find((key) => hasOwn(condition, key));
      if (mixed) invalid(location, `a "condition" reference cannot also have "${mixed}"`);
      return { node: reference(condition.condition, location), priority: rawPriority || 1 };
    }
    if (booleanKey) {
      // With several boolean keys json-rules-engine uses any, then all, then not.
      const children = condition[booleanKey];
      const priority = Number.parseInt(rawPriority as unknown as string, 10) || 1;
      if (booleanKey === 'not') {
        if (Array.isArray(children)) invalid(`${location}.not`, '"not" takes one condition, not an array');
        const child = node(children, `${location}.not`).node;
        const evaluate = child.evaluate;
        return {
          node: {
            kind: 'not',
            location,
            child,
            evaluate: (record) => !evaluate(record),
            canThrow: child.canThrow,
          },
          priority,
        };
      }
      if (!Array.isArray(children)) invalid(`${location}.${booleanKey}`, `"${booleanKey}" must be an array`);
      const compiled = children.map((child, index) => node(child, `${location}.${booleanKey}[${index}]`));
      return { node: groupNode(booleanKey, location, compiled), priority };
    }
    for (const key of ['fact', 'operator', 'value']) {
      if (!hasOwn(condition, key))
        invalid(location, `a condition needs "all", "any", "not", "condition" or "${key}"`);
    }
    return { node: leaf(condition, location), priority: rawPriority || 1 };
  };

  const leaf = (condition: Record<string, unknown>, location: string): LeafNode => {
    const { fact, operator, value } = condition;
    if (typeof fact !== 'string')
      invalid(`${location}.fact`, `"fact" must be a string, got ${describeLiteral(fact)}`);
    if (typeof operator !== 'string') {
      invalid(`${location}.operator`, `"operator" must be a string, got ${describeLiteral(operator)}`);
    }
    const path = checkPath(condition.path, `${location}.path`);
    const chain: OperatorChain | undefined = resolveOperatorChain(operator, options.customOperators);
    if (!chain) {
      throw new RuleCompileError(
        'FLEETCAST_RULES_UNKNOWN_OPERATOR',
        `${location}.operator`,
        `unknown operator "${operator}" (built-in operators: equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive; decorators: someFact, everyFact, someValue, everyValue, swap, not)`,
      );
    }
    facts.add(fact);
    if (hasProtoKey(value)) invalid(`${location}.value`, 'a literal value cannot contain a "__proto__" key');
    // Decide on the copy: json-rules-engine tests for a fact reference after its own clone of the conditions.
    const seen = copyLiteral(value);
    let referenceSide: { fact: string; path: string | undefined } | undefined;
    if (typeof seen === 'object' && seen !== null && hasOwn(seen, 'fact')) {
      const ref = seen as Record<string, unknown>;
      if (typeof ref.fact !== 'string') {
        invalid(
          `${location}.value.fact`,
          `a fact reference needs a string "fact", got ${describeLiteral(ref.fact)}`,
        );
      }
      referenceSide = { fact: ref.fact, path: checkPath(ref.path, `${location}.value.path`) };
      facts.add(ref.fact);
    }
    let compiled: CompiledLeaf | undefined;
    const readsDynamicFact =
      options.dynamicFacts.has(fact) ||
      (referenceSide !== undefined && options.dynamicFacts.has(referenceSide.fact));
    if (chain.custom || readsDynamicFact) needsEngine = true;
    else {
      compiled = compileLeaf({
        location,
        fact,
        path,
        chain,
        literal: referenceSide ? undefined : seen,
        reference: referenceSide,
        strict: options.strict,
      });
    }
    return {
      kind: 'leaf',
      location,
      fact,
      path,
      operator,
      value,
      compiled,
      evaluate: compiled?.evaluate ?? enginePlaceholder,
      canThrow: compiled?.canThrow ?? true,
    };
  };

  // Named conditions are checked even when unused, as json-rules-engine's setCondition does.
  for (const name of Object.keys(named)) reference(name, `namedConditions.${name}`);
  const root = namedRoot(conditions, 'conditions');
  return { root, needsEngine, facts };
}

function enginePlaceholder(): never {
  throw new Error('a custom operator or a dynamic fact runs on json-rules-engine only');
}

/**
 * Groups children as json-rules-engine's `prioritizeConditions` does (same keys, same sort), so that the
 * order in which groups run, and therefore which errors can happen, is the same.
 */
function prioritize(children: readonly { node: RuleNode; priority: unknown }[]): RuleNode[][] {
  const sets: Record<string, RuleNode[]> = {};
  for (const { node, priority } of children) {
    const key = priority as string;
    if (!sets[key]) sets[key] = [];
    sets[key].push(node);
  }
  return Object.keys(sets)
    .sort((a, b) => (Number(a) > Number(b) ? -1 : 1))
    .map((key) => sets[key] as RuleNode[]);
}

function groupNode(
  kind: 'all' | 'any',
  location: string,
  children: readonly { node: RuleNode; priority: unknown }[],
): GroupNode {
  if (children.length === 0) {
    // json-rules-engine: an empty all *and* an empty any are true.
    return { kind, location, groups: [], evaluate: () => true, canThrow: false };
  }
  if (children.length === 1) {
    const only = (children[0] as { node: RuleNode }).node;
    return { kind, location, groups: [[only]], evaluate: only.evaluate, canThrow: only.canThrow };
  }
  const groups = prioritize(children);
  const canThrow = children.some(({ node }) => node.canThrow);
  return { kind, location, groups, evaluate: groupEvaluator(kind, groups, canThrow), canThrow };
}

/**
 * json-rules-engine evaluates every child of a priority group (no short-circuit inside a group) and stops
 * between groups once the answer is known. A child is skipped here only when its result is no longer needed
 * and it can never throw, which keeps both the answer and the error/no-error outcome identical.
 */
function groupEvaluator(
  kind: 'all' | 'any',
  groups: readonly (readonly RuleNode[])[],
  canThrow: boolean,
): (record: DeviceRecord) => boolean {
  const evaluators = groups.map((group) => group.map((child) => child.evaluate));
  const throwing = groups.map((group) => group.map((child) => child.canThrow));
  if (!canThrow) {
    const flat = evaluators.flat();
    if (kind === 'all') {
      if (flat.length === 2) {
        const [first, second] = flat as [(r: DeviceRecord) => boolean, (r: DeviceRecord) => boolean];
        return (record) => first(record) && second(record);
      }
      return (record) => {
        for (const evaluate of flat) if (!evaluate(record)) return false;
        return true;
      };
    }
    if (flat.length === 2) {
      const [first, second] = flat as [(r: DeviceRecord) => boolean, (r: DeviceRecord) => boolean];
      return (record) => first(record) || second(record);
    }
    return (record) => {
      for (const evaluate of flat) if (evaluate(record)) return true;
      return false;
    };
  }
  const isAll = kind === 'all';
  return (record) => {
    for (let g = 0; g < evaluators.length; g++) {
      const group = evaluators[g] as ((r: DeviceRecord) => boolean)[];
      const mayThrow = throwing[g] as boolean[];
      let result = isAll;
      for (let i = 0; i < group.length; i++) {
        const evaluate = group[i] as (r: DeviceRecord) => boolean;
        if (result === isAll) result = evaluate(record);
        else if (mayThrow[i]) evaluate(record);
      }
      if (result !== isAll) return result;
    }
    return isAll;
  };
}
