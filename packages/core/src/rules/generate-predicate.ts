import type { DeviceRecord } from '../directory/device-record.js';
import { type CompiledLeaf, MissingFactSignal } from './compile-leaf.js';
import { missingFact } from './device-facts.js';
import type { FactPath } from './fact-path.js';
import { isNumericFact } from './rule-operators.js';
import type { RuleNode } from './rule-tree.js';
import type { RuleOutcome } from './compile-conditions.js';

const ownPropertyTest = Object.prototype.hasOwnProperty;
/** `Object.hasOwn`'s answer for the objects and truthy primitives it is called with; about 20 % faster in V8 11. */
const hasOwn = (value: unknown, key: string): boolean => ownPropertyTest.call(value, key);

/** Marks a shared fact not read yet for the current device. */
const notRead: unique symbol = Symbol('fleetcast.factNotRead');

/**
 * A JavaScript string literal for any text. JSON.stringify escapes quotes, backslashes, control characters
 * and lone surrogates; U+2028/U+2029 are escaped too so the source stays one line on every engine.
 */
export function javascriptString(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

let codeGenerationAllowed: boolean | undefined;

/**
 * Whether this host lets us build functions from strings. Node's `--disallow-code-generation-from-strings`,
 * a CSP without `unsafe-eval` and some sandboxes make `new Function` throw an `EvalError`; the closure tree
 * is then used instead. Checked once per process.
 */
export function canGenerateCode(): boolean {
  if (codeGenerationAllowed === undefined) {
    try {
      codeGenerationAllowed = new Function('return true')() === true;
    } catch {
      codeGenerationAllowed = false;
    }
  }
  return codeGenerationAllowed;
}

const smallList = 8;

/** How many rule sources this process has generated (a serial in each source). */
let generatedRules = 0;

function throwMissing(fact: string): never {
  throw new MissingFactSignal(fact);
}

function isObjectLike(value: unknown): boolean {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/**
 * Literals that compare without calling user code when the other side is a number (`NaN < x` is then false
 * without converting `x`, as json-rules-engine's validator would have stopped first).
 */
function isInertPrimitive(value: unknown): boolean {
  const type = typeof value;
  return value === null || (type !== 'object' && type !== 'function' && type !== 'symbol');
}

/**
 * Builds the source of one rule's evaluator. Input text reaches the source only as {@link javascriptString}
 * literals or as finite numbers printed by `String`; every other value (objects, arrays, sets, `-0`, `NaN`,
 * bigints, paths evaluated by jsonpath-plus, decorated operators) is passed in the constants array `K`.
 */
class PredicateSource {
  readonly constants: unknown[] = [];
  private temps = 0;
  private readonly hoisted = new Map<string, string>();
  private readonly hoistLines: string[] = [];
  private usesBag = false;
  /**
   * None of the rule's facts is a property of Object.prototype: an expression, re-checked at each use (V8
   * folds each test to a check of Object.prototype's map).
   */
  private readonly plain: string;

  constructor(
    private readonly strict: boolean,
    factUses: ReadonlyMap<string, number>,
  ) {
    // A fact read by several leaves is read once per device, at its first use (U: not read yet; a missing
    // fact is then undefined, or the sentinel M in strict mode).
    const facts = [...factUses.keys()].filter((fact) => fact !== '');
    this.plain = `!(${facts.map((fact) => `${javascriptString(fact)} in OP`).join(' || ') || 'false'})`;
    for (const [fact, uses] of factUses) {
      if (uses < 2 || fact === '') continue;
      this.hoisted.set(fact, `f${this.hoisted.size}`);
      this.hoistLines.push(`f${this.hoisted.size - 1} = U`);
    }
  }

  /** A constant, bound once per rule to a variable of the generated closure (`c0`, `c1`, …). */
  constant(value: unknown): string {
    this.constants.push(value);
    return `c${this.constants.length - 1}`;
  }

  temp(): string {
    return `t${this.temps++}`;
  }

  literal(value: unknown): string {
    if (typeof value === 'string') return javascriptString(value);
    if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) {
      return value < 0 ? `(${String(value)})` : String(value);
    }
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    return this.constant(value);
  }

  /** The fact's value, or `missing` (an expression) when the device does not have it. */
  private rawRead(fact: string, missing: string): string {
    if (fact === '') return missing;
    const key = javascriptString(fact);
    this.usesBag = true;
    // `key in o` is false for a key that is not an own property either, and with a constant key on objects
    // of one shape V8 folds it to a map check. When o's prototype is Object.prototype and none of the rule's
    // facts is a property of Object.prototype (pr, pb: checked once per device, at the first fact found on
    // the record or in `facts`, where V8 knows the object's map and folds the prototype load), `key in o` is
    // exactly "own property" and the hasOwnProperty call is skipped; otherwise hasOwnProperty still decides.
    const onBag = `(pb === undefined ? (pb = ${this.plain} && gp(b) === OP) : pb) || h(b, ${key})`;
    const fromBag = `b !== undefined && ${key} in b && (${onBag}) ? b[${key}] : ${missing}`;
    const onRecord = `(pr === undefined ? (pr = ${this.plain} && gp(r) === OP) : pr) || h(r, ${key})`;
    return fact === 'facts' ? `(${fromBag})` : `((${key} in r && (${onRecord})) ? r[${key}] : ${fromBag})`;
  }

  private readFact(fact: string): string {
    const missing = this.strict ? `miss(${javascriptString(fact)})` : 'undefined';
    const hoisted = this.hoisted.get(fact);
    if (hoisted === undefined) return this.rawRead(fact, missing);
    const read = `(${hoisted} === U ? (${hoisted} = ${this.rawRead(fact, this.strict ? 'M' : 'undefined')}) : ${hoisted})`;
    return this.strict ? `(${read} === M ? ${missing} : ${hoisted})` : read;
  }

  /** One side of a leaf: the fact, then its path (applied only to non-null objects, as json-rules-engine does). */
  side(fact: string, path: FactPath | undefined): string {
    const value = this.readFact(fact);
    if (path === undefined || (path.steps !== undefined && path.steps.length === 0)) return value;
    const t = this.temp();
    const applied =
      path.steps === undefined
        ? `${this.constant(path.apply)}(${t})`
        : walk(t, path.steps.map(javascriptString));
    return `(${t} = ${value}, typeof ${t} === "object" && ${t} !== null ? ${applied} : ${t})`;
  }

  leaf(compiled: CompiledLeaf): string {
    const { source } = compiled;
    const fact = this.side(source.fact, compiled.factPath);
    if (source.reference) {
      const value = this.side(source.reference.fact, compiled.referencePath);
      return `${this.constant(compiled.apply)}(${fact}, ${value})`;
    }
    if (source.chain.decorators.length > 0) {
      return `${this.constant(compiled.apply)}(${fact}, ${this.constant(source.literal)})`;
    }
    return this.operator(source.chain.base, fact, source.literal);
  }

  /** An undecorated built-in operator against a literal, inlined with json-rules-engine 7.3.1's semantics. */
  private operator(base: string, fact: string, literal: unknown): string {
    // Literals are private copies: an object literal is never the same reference as a fact value.
    switch (base) {
      case 'equal':
        return isObjectLike(literal) ? `(${fact}, false)` : `(${fact} === ${this.literal(literal)})`;
      case 'notEqual':
        return isObjectLike(literal) ? `(${fact}, true)` : `(${fact} !== ${this.literal(literal)})`;
      case 'in':
        return this.membership(fact, literal);
      case 'notIn':
        return `!${this.membership(fact, literal)}`;
      case 'contains':
      case 'doesNotContain': {
        const t = this.temp();
        const test = base === 'contains' ? '> -1' : '=== -1';
        return `(${t} = ${fact}, isArray(${t}) && ${t}.indexOf(${this.literal(literal)}) ${test})`;
      }
      case 'lessThan':
      case 'lessThanInclusive':
      case 'greaterThan':
      case 'greaterThanInclusive': {
        const symbol = {
          lessThan: '<',
          lessThanInclusive: '<=',
          greaterThan: '>',
          greaterThanInclusive: '>=',
        }[base];
        const t = this.temp();
        const value = this.literal(literal);
        // The validator is `parseFloat(a).toString() !== 'NaN'`, which for a number is `a === a`.
        const numberGuard = isInertPrimitive(literal) ? '' : `${t} === ${t} && `;
        return `(${t} = ${fact}, typeof ${t} === "number" ? ${numberGuard}${t} ${symbol} ${value} : isNum(${t}) && ${t} ${symbol} ${value})`;
      }
      default:
        throw new Error(`not a built-in operator: ${base}`);
    }
  }

  /** `in`: a substring test for a string value, `indexOf` (never finds NaN; -0 finds 0) for an array. */
  private membership(fact: string, literal: unknown): string {
    if (typeof literal === 'string') return `(${this.literal(literal)}.indexOf(${fact}) > -1)`;
    const members = (literal as unknown[]).filter((member) => !isObjectLike(member));
    if (members.length === 0) return `(${fact}, false)`;
    const t = this.temp();
    if (members.length <= smallList) {
      return `(${t} = ${fact}, ${members.map((member) => `${t} === ${this.literal(member)}`).join(' || ')})`;
    }
    // A Set agrees with === on -0 and 0 but finds NaN, which indexOf never does: guard with t === t, needed
    // only when NaN is one of the members.
    const set = this.constant(new Set(members));
    if (!members.some((member) => Number.isNaN(member))) return `(${t} = ${fact}, ${set}.has(${t}))`;
    return `(${t} = ${fact}, ${t} === ${t} && ${set}.has(${t}))`;
  }

  node(node: RuleNode): string {
    switch (node.kind) {
      case 'constant':
        return node.value ? 'true' : 'false';
      case 'not':
        return `!${this.node(node.child)}`;
      case 'leaf':
        if (node.compiled === undefined)
          throw new Error('a custom operator or a dynamic fact cannot be generated');
        return this.leaf(node.compiled);
      default:
        return this.group(node.kind, node.groups, node.canThrow);
    }
  }

  /**
   * json-rules-engine evaluates every child of a priority group and stops between groups once the answer is
   * known. A child that can throw is therefore always evaluated within its group (first, the order inside a
   * group does not matter to json-rules-engine's answer); only children that can never throw short-circuit.
   */
  private group(kind: 'all' | 'any', groups: readonly (readonly RuleNode[])[], canThrow: boolean): string {
    const join = kind === 'all' ? ' && ' : ' || ';
    if (groups.length === 0) return 'true';
    if (!canThrow)
      return `(${groups
        .flat()
        .map((child) => this.node(child))
        .join(join)})`;
    const parts = groups.map((group) => {
      const throwing = group.filter((child) => child.canThrow).map((child) => this.node(child));
      const safe = group.filter((child) => !child.canThrow).map((child) => this.node(child));
      if (throwing.length === 0) return `(${safe.join(join)})`;
      const t = this.temp();
      const steps = throwing.map((child, index) =>
        index === 0 ? `${t} = ${child}` : `${t} = ${child}${join}${t}`,
      );
      return `(${steps.join(', ')}, ${[t, ...safe].join(join)})`;
    });
    return `(${parts.join(join)})`;
  }

  /**
   * The whole factory body; call after generating the expression. The factory binds the constants and
   * returns the rule's `evaluate`: its own function, so V8 keeps type feedback per rule.
   */
  body(expression: string): string {
    const declarations = [...this.hoistLines];
    for (let index = 0; index < this.temps; index++) declarations.push(`t${index}`);
    // The serial makes every rule's source unique: V8 caches `new Function` by its source text, and the
    // cached function shares its inner closures' feedback, so two rules with the same text (the same rule
    // compiled for two fleets) would pool their type feedback and turn polymorphic.
    const lines = ['"use strict";', `// fleetcast rule ${++generatedRules}`];
    if (this.constants.length > 0) {
      lines.push(`var ${this.constants.map((_, index) => `c${index} = K[${index}]`).join(', ')};`);
    }
    lines.push('return function evaluate(r) {', '  try {');
    if (this.usesBag) {
      lines.push(
        '    var b = r.facts;',
        '    if (typeof b !== "object" || b === null || isArray(b)) b = undefined;',
        '    var pr, pb;',
      );
    }
    if (declarations.length > 0) lines.push(`    var ${declarations.join(', ')};`);
    // Only a missing fact in strict mode or an operator error thrown on the record's values get to catch.
    lines.push(
      `    return ${expression} ? "matched" : "unmatched";`,
      '  } catch {',
      '    return "unevaluable";',
      '  }',
      '};',
    );
    return lines.join('\n');
  }
}

/** The own-property walk of a plain path (`$.a.b`, `a[0]`, `$['a.b']`); the first step is on a non-null object. */
function walk(t: string, keys: readonly string[]): string {
  const step = (index: number): string => {
    if (index === keys.length) return t;
    const key = keys[index] as string;
    // jsonpath-plus stops at a falsy value and follows own properties only.
    const test = index === 0 ? `h(${t}, ${key})` : `${t} && h(${t}, ${key})`;
    return `(${test} ? (${t} = ${t}[${key}], ${step(index + 1)}) : undefined)`;
  };
  return step(0);
}

function countFacts(node: RuleNode, uses: Map<string, number>): void {
  switch (node.kind) {
    case 'leaf': {
      const source = node.compiled?.source;
      if (source === undefined) return;
      uses.set(source.fact, (uses.get(source.fact) ?? 0) + 1);
      if (source.reference) uses.set(source.reference.fact, (uses.get(source.reference.fact) ?? 0) + 1);
      return;
    }
    case 'not':
      countFacts(node.child, uses);
      return;
    case 'constant':
      return;
    default:
      for (const group of node.groups) for (const child of group) countFacts(child, uses);
  }
}

/** The generated source and constants of a tree, without building the function (tests inspect it). */
export function predicateSource(root: RuleNode, strict: boolean): { source: string; constants: unknown[] } {
  const uses = new Map<string, number>();
  countFacts(root, uses);
  const generator = new PredicateSource(strict, uses);
  const expression = generator.node(root);
  return { source: generator.body(expression), constants: generator.constants };
}

/**
 * Compiles a condition tree (already validated, references inlined) to one generated JavaScript function:
 * facts read at most once per device, operators inlined, the same outcomes as the closure tree.
 * Throws an `EvalError` when the host forbids code generation; check {@link canGenerateCode} first.
 */
export function generateEvaluator(root: RuleNode, strict: boolean): (record: DeviceRecord) => RuleOutcome {
  const { source, constants } = predicateSource(root, strict);
  const factory = new Function('h', 'isArray', 'isNum', 'miss', 'M', 'U', 'K', 'gp', 'OP', source) as (
    ...helpers: unknown[]
  ) => (record: DeviceRecord) => RuleOutcome;
  return factory(
    hasOwn,
    Array.isArray,
    isNumericFact,
    throwMissing,
    missingFact,
    notRead,
    constants,
    Object.getPrototypeOf,
    Object.prototype,
  );
}
