/** Quotes a value for a POSIX shell when it needs it, so that printed commands can be pasted. */
export function quoteArgument(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
