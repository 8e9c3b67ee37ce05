/**
 * Copies a condition literal the way json-rules-engine sees it. Every run deep-clones the conditions with the
 * `clone` package, which copies `for…in` keys (inherited enumerable ones included) and skips a key when the
 * prototype has a data property of that name: `{toString: 'x'}` reaches the operators as `{}`. Copying once,
 * at compile time, with the same rule gives the same values, and no record can hold the same reference.
 */
export function copyLiteral(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  // Not JSON, but a programmatic rule may hold them: copied as the clone package copies them.
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof RegExp) return new RegExp(value.source, value.flags);
  const source = value as Record<string, unknown>;
  const prototype: object | null = Array.isArray(value) ? null : Object.getPrototypeOf(value);
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([] as unknown as Record<string, unknown>)
    : Object.create(prototype);
  for (const key in source) {
    const inherited = prototype ? Object.getOwnPropertyDescriptor(prototype, key) : undefined;
    if (inherited && inherited.set == null) continue;
    copy[key] = copyLiteral(source[key]);
  }
  return copy;
}

/** True when a literal holds a `__proto__` key, whose copy would change a prototype: refused at compile time. */
export function hasProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.hasOwn(value, '__proto__')) return true;
  return Object.values(value).some(hasProtoKey);
}
