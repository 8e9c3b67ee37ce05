/**
 * json-rules-engine 7.3.1's built-in operators and decorators, reproduced with their exact semantics: an
 * operator is `validator(factValue) && callback(factValue, value)`, and only the fact side is validated.
 */

/** An operator as json-rules-engine evaluates it. */
export interface RuleOperator {
  readonly name: string;
  readonly evaluate: (factValue: unknown, value: unknown) => boolean;
}

type Callback = (a: unknown, b: unknown) => boolean;

/** What `in` and `contains` call `indexOf` on: a string or an array, or a TypeError as in json-rules-engine. */
type Searchable = { indexOf(item: unknown): number };
type Listing = {
  some(test: (item: unknown) => boolean): boolean;
  every(test: (item: unknown) => boolean): boolean;
};

const always = (): boolean => true;

/** json-rules-engine's numeric validator: `parseFloat(a).toString() !== 'NaN'` (accepts `'3abc'`, `[3]`, …). */
export function isNumericFact(value: unknown): boolean {
  return typeof value === 'number'
    ? !Number.isNaN(value)
    : Number.parseFloat(value as string).toString() !== 'NaN';
}

function operator(
  name: string,
  callback: Callback,
  validator: (a: unknown) => boolean = always,
): RuleOperator {
  return { name, evaluate: (a, b) => validator(a) && callback(a, b) };
}

/** The ten built-in operators, by name. */
export const builtInOperators: ReadonlyMap<string, RuleOperator> = new Map(
  [
    operator('equal', (a, b) => a === b),
    operator('notEqual', (a, b) => a !== b),
    operator('in', (a, b) => (b as Searchable).indexOf(a) > -1),
    operator('notIn', (a, b) => (b as Searchable).indexOf(a) === -1),
    operator('contains', (a, b) => (a as Searchable).indexOf(b) > -1, Array.isArray),
    operator('doesNotContain', (a, b) => (a as Searchable).indexOf(b) === -1, Array.isArray),
    operator('lessThan', (a, b) => (a as number) < (b as number), isNumericFact),
    operator('lessThanInclusive', (a, b) => (a as number) <= (b as number), isNumericFact),
    operator('greaterThan', (a, b) => (a as number) > (b as number), isNumericFact),
    operator('greaterThanInclusive', (a, b) => (a as number) >= (b as number), isNumericFact),
  ].map((op) => [op.name, op]),
);

/** Names of the built-in decorators. */
export type DecoratorName = 'someFact' | 'everyFact' | 'someValue' | 'everyValue' | 'swap' | 'not';

type Next = (a: unknown, b: unknown) => boolean;

interface Decorator {
  readonly callback: (a: unknown, b: unknown, next: Next) => boolean;
  readonly validator: (a: unknown) => boolean;
}

const decorators: ReadonlyMap<string, Decorator> = new Map<string, Decorator>([
  [
    'someFact',
    { callback: (a, b, next) => (a as Listing).some((item) => next(item, b)), validator: Array.isArray },
  ],
  [
    'someValue',
    { callback: (a, b, next) => (b as Listing).some((item) => next(a, item)), validator: always },
  ],
  [
    'everyFact',
    { callback: (a, b, next) => (a as Listing).every((item) => next(item, b)), validator: Array.isArray },
  ],
  [
    'everyValue',
    { callback: (a, b, next) => (b as Listing).every((item) => next(a, item)), validator: always },
  ],
  ['swap', { callback: (a, b, next) => next(b, a), validator: always }],
  ['not', { callback: (a, b, next) => !next(a, b), validator: always }],
]);

/** An operator name split into its decorators (outermost first) and the operator they wrap. */
export interface OperatorChain {
  readonly decorators: readonly DecoratorName[];
  /** The innermost operator's name; a custom operator when `custom` is true. */
  readonly base: string;
  readonly custom: boolean;
}

/**
 * Splits `dec1:dec2:op` as json-rules-engine's OperatorMap does: a registered name (even one containing `:`)
 * wins; otherwise the part before the first `:` must be a decorator. Returns undefined for an unknown name.
 */
export function resolveOperatorChain(
  name: string,
  customOperators: ReadonlySet<string>,
): OperatorChain | undefined {
  const chain: DecoratorName[] = [];
  let rest = name;
  while (!builtInOperators.has(rest) && !customOperators.has(rest)) {
    const colon = rest.indexOf(':');
    if (colon <= 0) return undefined;
    const decorator = rest.slice(0, colon);
    if (!decorators.has(decorator)) return undefined;
    chain.push(decorator as DecoratorName);
    rest = rest.slice(colon + 1);
  }
  // A custom operator replaces a built-in of the same name, as `engine.addOperator` does.
  return { decorators: chain, base: rest, custom: customOperators.has(rest) };
}

/** Builds the evaluator of a resolved chain of built-ins, decorators applied innermost first. */
export function buildOperator(chain: OperatorChain): RuleOperator {
  let current = builtInOperators.get(chain.base);
  if (current === undefined) throw new Error(`not a built-in operator: ${chain.base}`);
  for (let index = chain.decorators.length - 1; index >= 0; index--) {
    const decorator = decorators.get(chain.decorators[index] as string) as Decorator;
    const next: Next = current.evaluate;
    const { callback, validator } = decorator;
    current = {
      name: `${chain.decorators[index]}:${current.name}`,
      evaluate: (a: unknown, b: unknown): boolean => validator(a) && callback(a, b, next),
    };
  }
  return current;
}
