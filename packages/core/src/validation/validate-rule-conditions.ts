import { describeValue, isPlainObject } from '../errors/describe-value.js';
import {
  checkKnownFields,
  checkObject,
  checkString,
  reportMissing,
  reportWrongType,
} from './field-checks.js';
import { builtInOperators, resolveOperatorChain } from '../rules/rule-operators.js';
import type { IssueCollector } from './issue-collector.js';

/** Deepest condition nesting accepted: untrusted JSON must not exhaust the stack. */
export const maxConditionDepth = 32;

/** json-rules-engine's order when a node has several boolean keys: the first present wins, the rest is ignored. */
const booleanKinds = ['any', 'all', 'not'] as const;
const leafFields = ['fact', 'operator', 'value', 'path', 'params', 'priority', 'name'];

function checkPriority(issues: IssueCollector, path: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    issues.add(
      `${path}.priority`,
      'out_of_range',
      `${path}.priority: ${describeValue(value)} must be a number above 0`,
    );
  }
}

/**
 * Checks the shape of one json-rules-engine condition node (not its meaning: evaluation belongs to the
 * rules module) and collects the names of `{condition: name}` references.
 */
function checkNode(
  issues: IssueCollector,
  path: string,
  node: unknown,
  depth: number,
  references: Map<string, string>,
  root = false,
): void {
  if (!isPlainObject(node)) {
    reportWrongType(
      issues,
      path,
      node,
      'a condition object (all, any, not, condition, or fact/operator/value)',
    );
    return;
  }
  if (depth > maxConditionDepth) {
    issues.add(path, 'too_deep', `${path}: conditions are nested deeper than ${maxConditionDepth} levels`);
    return;
  }
  const booleans = booleanKinds.filter((kind) => node[kind] !== undefined);
  // A boolean key wins over fact/operator/value in json-rules-engine (they are ignored); a reference does not mix.
  const kinds = [
    ...booleans.slice(0, 1),
    ...(booleans.length > 0 ? ['condition' as const] : (['condition', 'fact'] as const)).filter(
      (kind) => node[kind] !== undefined,
    ),
  ];
  if (kinds.length !== 1) {
    issues.add(
      path,
      kinds.length === 0 ? 'invalid_condition' : 'ambiguous_condition',
      kinds.length === 0
        ? `${path}: a condition needs exactly one of all, any, not, condition, or fact/operator/value`
        : `${path}: a condition is one of all/any/not, condition, fact (found ${[...booleans, ...kinds.slice(booleans.length > 0 ? 1 : 0)].join(', ')})`,
    );
    return;
  }
  checkPriority(issues, path, node.priority);
  const kind = kinds[0];
  if (root && kind === 'fact') {
    issues.add(
      path,
      'invalid_root',
      `${path}: a rule's top condition (and each named condition) must be all, any, not or a condition ` +
        'reference; json-rules-engine refuses a bare fact/operator/value here (wrap it: {"all": [ … ]})',
    );
    return;
  }
  if (kind === 'all' || kind === 'any') {
    // Boolean keys after the winning one are ignored by json-rules-engine, so they are allowed (unchecked).
    checkKnownFields(issues, path, node, [...booleans, ...leafFields]);
    const children = node[kind];
    if (!Array.isArray(children)) {
      reportWrongType(issues, `${path}.${kind}`, children, 'a non-empty list of conditions');
    } else if (children.length === 0) {
      issues.add(
        `${path}.${kind}`,
        'empty_list',
        `${path}.${kind} is empty (at least one condition is needed)`,
      );
    } else {
      children.forEach((child: unknown, index) => {
        checkNode(issues, `${path}.${kind}[${index}]`, child, depth + 1, references);
      });
    }
  } else if (kind === 'not') {
    checkKnownFields(issues, path, node, [...booleans, ...leafFields]);
    checkNode(issues, `${path}.not`, node.not, depth + 1, references);
  } else if (kind === 'condition') {
    checkKnownFields(issues, path, node, ['condition', 'priority', 'name']);
    const name = checkString(issues, `${path}.condition`, node.condition, { min: 1, required: true });
    if (name !== undefined && name.length > 0 && !references.has(name))
      references.set(name, `${path}.condition`);
  } else {
    checkKnownFields(issues, path, node, leafFields);
    checkString(issues, `${path}.fact`, node.fact, { min: 1, required: true });
    checkString(issues, `${path}.operator`, node.operator, { min: 1, required: true });
    if (!('value' in node)) reportMissing(issues, `${path}.value`, 'a value or a fact reference {fact}');
    checkString(issues, `${path}.path`, node.path);
    checkObject(issues, `${path}.params`, node.params);
  }
}

/**
 * Reports every leaf whose `operator` is neither a json-rules-engine built-in (with decorators, e.g.
 * `someFact:equal`) nor one of `custom` (the names of the custom operators the rules will be given), so that
 * `validateCampaign` refuses what `plan` would refuse with `FLEETCAST_RULES_UNKNOWN_OPERATOR`. Stops at the
 * nesting limit (reported by {@link checkNode}).
 */
function checkOperators(
  issues: IssueCollector,
  path: string,
  node: unknown,
  depth: number,
  custom: ReadonlySet<string>,
): void {
  if (!isPlainObject(node) || depth > maxConditionDepth) return;
  // As json-rules-engine reads a node: one boolean key, any > all > not, wins over fact/operator/value.
  const kind = node.any !== undefined ? 'any' : node.all !== undefined ? 'all' : undefined;
  if (kind !== undefined) {
    const children = node[kind];
    if (Array.isArray(children))
      children.forEach((child: unknown, index) => {
        checkOperators(issues, `${path}.${kind}[${index}]`, child, depth + 1, custom);
      });
    return;
  }
  if (node.not !== undefined) {
    checkOperators(issues, `${path}.not`, node.not, depth + 1, custom);
    return;
  }
  const operator = node.operator;
  if (
    typeof operator === 'string' &&
    operator !== '' &&
    resolveOperatorChain(operator, custom) === undefined
  ) {
    issues.add(
      `${path}.operator`,
      'unknown_operator',
      `${path}.operator: ${describeValue(operator)} is not an operator (built-in: ${[...builtInOperators.keys()].join(', ')}, ` +
        `optionally decorated, e.g. someFact:equal${custom.size > 0 ? `; custom: ${[...custom].join(', ')}` : '; name custom operators in limits.ruleOperators'})`,
    );
  }
}

/** A cycle for a message: long ones keep their first five and last three names. */
function describeCycle(cycle: readonly string[]): string {
  if (cycle.length <= 10) return cycle.join(' → ');
  return `${cycle.slice(0, 5).join(' → ')} → … → ${cycle.slice(-3).join(' → ')}`;
}

/** A reference cycle among named conditions, if any. Iterative: a long crafted chain must not overflow the stack. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  for (const root of graph.keys()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const pending: Iterator<string>[] = [(graph.get(root) ?? new Set<string>()).values()];
    state.set(root, 'visiting');
    while (pending.length > 0) {
      const step = pending[pending.length - 1]!.next();
      if (step.done) {
        state.set(path.pop()!, 'done');
        pending.pop();
        continue;
      }
      const next = step.value;
      const seen = state.get(next);
      if (seen === 'visiting') return [...path.slice(path.indexOf(next)), next];
      if (seen === 'done' || !graph.has(next)) continue;
      state.set(next, 'visiting');
      path.push(next);
      pending.push(graph.get(next)!.values());
    }
  }
  return undefined;
}

/**
 * Checks a Rules target's `conditions` and `namedConditions`: node shapes, nesting depth, references
 * to named conditions that exist, and no reference cycles.
 */
export function validateRuleConditions(
  issues: IssueCollector,
  conditions: unknown,
  named: unknown,
  customOperators: readonly string[] = [],
): void {
  const references = new Map<string, string>();
  if (conditions === undefined) reportMissing(issues, 'target.conditions', 'a condition object');
  else checkNode(issues, 'target.conditions', conditions, 1, references, true);
  const operators = new Set(customOperators);
  checkOperators(issues, 'target.conditions', conditions, 1, operators);
  if (isPlainObject(named))
    for (const [name, definition] of Object.entries(named))
      checkOperators(issues, `target.namedConditions.${name}`, definition, 1, operators);

  const graph = new Map<string, Set<string>>();
  if (named !== undefined && !isPlainObject(named)) {
    reportWrongType(issues, 'target.namedConditions', named, 'an object of name → condition');
  } else if (named !== undefined) {
    for (const [name, definition] of Object.entries(named)) {
      const own = new Map<string, string>();
      checkNode(issues, `target.namedConditions.${name}`, definition, 1, own, true);
      graph.set(name, new Set(own.keys()));
      for (const [reference, where] of own) if (!references.has(reference)) references.set(reference, where);
    }
  }
  const defined = new Set(graph.keys());
  for (const [reference, where] of references) {
    if (!defined.has(reference)) {
      issues.add(
        where,
        'unknown_condition',
        `${where}: ${describeValue(reference)} is not defined in target.namedConditions`,
      );
    }
  }
  const cycle = findCycle(graph);
  if (cycle) {
    issues.add(
      'target.namedConditions',
      'condition_cycle',
      `target.namedConditions: conditions refer to each other in a cycle (${describeCycle(cycle)})`,
    );
  }
}
