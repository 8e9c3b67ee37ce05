import type { DeviceRecord } from '../directory/device-record.js';
import { createFactReader, missingFact } from './device-facts.js';
import { type FactPath, compileFactPath } from './fact-path.js';
import { describeLiteral } from '../errors/describe-value.js';
import { RuleCompileError } from '../errors/rule-compile-error.js';
import { buildOperator, isNumericFact, type OperatorChain } from './rule-operators.js';

/** Thrown (never escapes the package) when strict mode meets a fact the device does not have. */
export class MissingFactSignal {
  constructor(readonly fact: string) {}
}

/** A leaf `{fact, operator, value}` compiled to closures. */
export interface CompiledLeaf {
  readonly readFact: (record: DeviceRecord) => unknown;
  readonly readValue: (record: DeviceRecord) => unknown;
  readonly apply: (factValue: unknown, value: unknown) => boolean;
  readonly evaluate: (record: DeviceRecord) => boolean;
  /** False when evaluating this leaf can never throw, whatever the record holds. */
  readonly canThrow: boolean;
  /** What the leaf was compiled from (the code generator reads it). */
  readonly source: LeafSource;
  /** The fact side's path, compiled; undefined without a path. */
  readonly factPath: FactPath | undefined;
  /** The value side's path when the value is a fact reference with a path. */
  readonly referencePath: FactPath | undefined;
}

/** What the leaf compiler needs besides the leaf itself. */
export interface LeafSource {
  readonly location: string;
  readonly fact: string;
  readonly path: string | undefined;
  readonly chain: OperatorChain;
  /** The literal value (already copied), when the value is not a fact reference. */
  readonly literal: unknown;
  readonly reference: { fact: string; path: string | undefined } | undefined;
  readonly strict: boolean;
}

/** Compiles a side (`fact` + `path`) the way json-rules-engine's almanac resolves it. */
function compileSide(fact: string, path: string | undefined, strict: boolean) {
  const read = createFactReader(fact);
  const compiledPath = path ? compileFactPath(path) : undefined;
  const canThrow = strict || (compiledPath?.canThrow ?? false);
  // A missing fact is `undefined` (default) or an error (strict), and a path is never applied to it.
  const resolveMissing = strict
    ? () => {
        throw new MissingFactSignal(fact);
      }
    : () => undefined;
  if (compiledPath === undefined) {
    return {
      canThrow,
      compiledPath,
      read: (record: DeviceRecord) => {
        const value = read(record);
        return value === missingFact ? resolveMissing() : value;
      },
    };
  }
  const apply = compiledPath.apply;
  return {
    canThrow,
    compiledPath,
    read: (record: DeviceRecord) => {
      const value = read(record);
      if (value === missingFact) return resolveMissing();
      // Paths apply only to non-null objects (arrays included); a primitive passes through unchanged.
      return typeof value === 'object' && value !== null ? apply(value) : value;
    },
  };
}

type Side = { kind: 'literal'; values: unknown[] } | { kind: 'dynamic' };

/**
 * Follows the literal value through the decorator chain to reject, at compile time, a literal the operator
 * would throw on when reached, and to learn whether the operator can throw at run time at all.
 */
function analyseChain(source: LeafSource): boolean {
  let factSide: Side = { kind: 'dynamic' };
  // The fact side is tracked only because `swap` can move a literal back into the value position.
  let valueSide: Side = source.reference
    ? { kind: 'dynamic' }
    : { kind: 'literal', values: [source.literal] };
  let canThrow = false;
  const where = `${source.location}.value`;
  for (const decorator of source.chain.decorators) {
    if (decorator === 'swap') [factSide, valueSide] = [valueSide, factSide];
    else if (decorator === 'someFact' || decorator === 'everyFact') factSide = { kind: 'dynamic' };
    else if (decorator === 'someValue' || decorator === 'everyValue') {
      if (valueSide.kind === 'dynamic') canThrow = true;
      else {
        const bad = valueSide.values.findIndex((value) => !Array.isArray(value));
        if (bad >= 0) {
          throw new RuleCompileError(
            'FLEETCAST_RULES_BAD_VALUE',
            where,
            `decorator "${decorator}" needs an array value, got ${describeLiteral(valueSide.values[bad])}`,
          );
        }
        valueSide = { kind: 'literal', values: valueSide.values.flatMap((value) => value as unknown[]) };
      }
    }
  }
  const base = source.chain.base;
  if (base === 'in' || base === 'notIn') {
    if (valueSide.kind === 'dynamic') canThrow = true;
    else {
      for (const value of valueSide.values) {
        if (typeof value === 'string')
          canThrow = true; // a substring test converts the fact to a string
        else if (!Array.isArray(value)) {
          throw new RuleCompileError(
            'FLEETCAST_RULES_BAD_VALUE',
            where,
            `operator "${base}" needs an array or a string value, got ${describeLiteral(value)}`,
          );
        }
      }
    }
  } else if (base !== 'equal' && base !== 'notEqual' && base !== 'contains' && base !== 'doesNotContain') {
    canThrow = true; // numeric operators convert objects to primitives, which may throw
  }
  return canThrow;
}

const smallList = 8;

/** The operator applied to a literal value, specialised for the common undecorated cases. */
function specialise(base: string, literal: unknown): ((factValue: unknown) => boolean) | undefined {
  const isObject = typeof literal === 'object' && literal !== null;
  switch (base) {
    case 'equal':
      // Literal objects are private copies: never the same reference as a fact value.
      return isObject ? () => false : (a) => a === literal;
    case 'notEqual':
      return isObject ? () => true : (a) => a !== literal;
    case 'in':
    case 'notIn': {
      const found = membership(literal);
      return base === 'in' ? found : (a) => !found(a);
    }
    case 'contains':
      return (a) => Array.isArray(a) && a.indexOf(literal) > -1;
    case 'doesNotContain':
      return (a) => Array.isArray(a) && a.indexOf(literal) === -1;
    // The validator runs first in json-rules-engine: a NaN fact never reaches the comparison (which would
    // convert the literal to a primitive).
    case 'lessThan':
      return (a) =>
        typeof a === 'number'
          ? !Number.isNaN(a) && a < (literal as number)
          : isNumericFact(a) && (a as number) < (literal as number);
    case 'lessThanInclusive':
      return (a) =>
        typeof a === 'number'
          ? !Number.isNaN(a) && a <= (literal as number)
          : isNumericFact(a) && (a as number) <= (literal as number);
    case 'greaterThan':
      return (a) =>
        typeof a === 'number'
          ? !Number.isNaN(a) && a > (literal as number)
          : isNumericFact(a) && (a as number) > (literal as number);
    case 'greaterThanInclusive':
      return (a) =>
        typeof a === 'number'
          ? !Number.isNaN(a) && a >= (literal as number)
          : isNumericFact(a) && (a as number) >= (literal as number);
    default:
      return undefined;
  }
}

function membership(literal: unknown): (factValue: unknown) => boolean {
  if (typeof literal === 'string') return (a) => literal.indexOf(a as string) > -1;
  const list = literal as unknown[];
  if (list.length > smallList) {
    // `indexOf` never finds NaN while a Set would: guard against it. Set and === agree on -0 and 0.
    const members = new Set(list);
    return (a) => !Number.isNaN(a) && members.has(a);
  }
  return (a) => list.indexOf(a) > -1;
}

/** Compiles one leaf. Throws {@link RuleCompileError} for a literal value the operator cannot take. */
export function compileLeaf(source: LeafSource): CompiledLeaf {
  const opCanThrow = analyseChain(source);
  const factSide = compileSide(source.fact, source.path, source.strict);
  const readFact = factSide.read;
  const operator = buildOperator(source.chain);
  const apply = operator.evaluate;
  if (source.reference) {
    const valueSide = compileSide(source.reference.fact, source.reference.path, source.strict);
    const readValue = valueSide.read;
    return {
      readFact,
      readValue,
      apply,
      source,
      factPath: factSide.compiledPath,
      referencePath: valueSide.compiledPath,
      canThrow: true, // a referenced value can be anything
      // json-rules-engine resolves both sides before comparing; either may fail.
      evaluate: (record) => {
        const value = readValue(record);
        return apply(readFact(record), value);
      },
    };
  }
  const literal = source.literal;
  const readValue = () => literal;
  const fast = source.chain.decorators.length === 0 ? specialise(source.chain.base, literal) : undefined;
  const test = fast ?? ((a: unknown) => apply(a, literal));
  return {
    readFact,
    readValue,
    apply,
    source,
    factPath: factSide.compiledPath,
    referencePath: undefined,
    canThrow: factSide.canThrow || opCanThrow,
    evaluate: (record) => test(readFact(record)),
  };
}
