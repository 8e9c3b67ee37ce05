import { InputProblem } from './input-problem.js';

/** Reads an optional query parameter that must be one of `allowed`; `null` when it is absent. */
export function readQueryChoice<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | null {
  const value = query.get(name);
  if (value !== null && !(allowed as readonly string[]).includes(value)) {
    throw new InputProblem(name, `must be one of ${allowed.join(', ')}`);
  }
  return value as T | null;
}

/**
 * Reads an optional query integer in [min, max]; `fallback` when absent or empty. Only plain digits
 * pass (no sign, fraction or exponent), as the platforms' integer parameters take them.
 * `Problem` lets an API answer one parameter with its own error code (IoTDA's `limit`).
 */
export function readQueryInteger(
  query: URLSearchParams,
  name: string,
  rule: { fallback: number; min: number; max: number },
  Problem: new (field: string, rule: string) => InputProblem = InputProblem,
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return rule.fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < rule.min || value > rule.max) {
    throw new Problem(name, `must be an integer from ${rule.min} to ${rule.max}`);
  }
  return value;
}
