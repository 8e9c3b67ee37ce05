/**
 * Hides the value of every `--option=value` quoted in a message, so that a credential passed by
 * mistake as an argument (`--secret=…`) is never echoed back in an error.
 */
export function redactOptionValues(text: string): string {
  return text.replace(/(--?[A-Za-z][\w-]*)=[^\s'"]*/g, '$1=…');
}
