import { JSONPath } from 'jsonpath-plus';

/** Applies a condition `path` to a fact value; may throw exactly where json-rules-engine's resolver throws. */
export interface FactPath {
  readonly apply: (value: object) => unknown;
  /** False when the path is a plain property walk that can never throw. */
  readonly canThrow: boolean;
  /**
   * The own-property steps when the path is a plain walk (`[]` for `$` itself); undefined when jsonpath-plus
   * evaluates it. The code generator inlines these steps.
   */
  readonly steps?: readonly string[];
}

const specialSteps = new Set(['*', '..', '^', '~', '$']);
const sliceStep = /^(-?\d*):(-?\d*):?(\d*)$/u;

/**
 * Compiles a json-rules-engine `path` (JSONPath, jsonpath-plus 10 dialect). A path made only of plain property
 * steps (`$.a.b`, `a[0]`, `$['a.b']`) becomes an own-property walk; every other path (wildcards, filters,
 * slices, unions, …) is handed to jsonpath-plus exactly as json-rules-engine's default resolver does, so the
 * answer, including its array wrapping and its errors, is the same.
 */
export function compileFactPath(path: string): FactPath {
  let steps: string[];
  try {
    steps = JSONPath.toPathArray(path);
  } catch (error) {
    // jsonpath-plus caches parsed paths in a plain object: `constructor` or `toString` hit Object.prototype and
    // throw on every evaluation. json-rules-engine then rejects the run; we reproduce that.
    return {
      apply: () => {
        throw error;
      },
      canThrow: true,
    };
  }
  if (steps[0] === '$' && steps.length > 1) steps.shift();
  if (steps.length === 1 && steps[0] === '$') return { apply: (value) => value, canThrow: false, steps: [] };
  if (!steps.every(isPlainStep)) {
    return { apply: (value) => JSONPath({ path, json: value, wrap: false }), canThrow: true };
  }
  return { apply: ownPropertyWalk(steps), canThrow: false, steps };
}

function isPlainStep(step: unknown): step is string {
  if (typeof step !== 'string') return false;
  if (specialSteps.has(step) || sliceStep.test(step)) return false;
  if (step.startsWith('?(') || step.startsWith('(') || step.startsWith('@') || step.startsWith('`'))
    return false;
  return !step.includes(',');
}

function ownPropertyWalk(steps: readonly string[]): (value: object) => unknown {
  const hasOwn = Object.hasOwn;
  if (steps.length === 1) {
    const key = steps[0] as string;
    return (value) => (hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined);
  }
  return (value) => {
    let current: unknown = value;
    for (const key of steps) {
      // jsonpath-plus stops at a falsy value and follows own properties only (string indices and length count).
      if (!current || !hasOwn(current as object, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  };
}
