/** What replaces a secret in any text fleetcast emits. */
export const redactedMarker = '[redacted]';

/**
 * Replaces every occurrence of each secret in `text`. Secrets shorter than 4 characters are ignored:
 * redacting them would mangle ordinary words while protecting nothing.
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    result = result.split(secret).join(redactedMarker);
  }
  return result;
}
