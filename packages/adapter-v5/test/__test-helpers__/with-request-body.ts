/**
 * A fetch that merges `fields` into every POST's JSON body on the way out: for a fault only the request can
 * cause, where the adapter's own checks would refuse the value as a setting.
 */
export function withRequestBody(fields: Record<string, unknown>): typeof globalThis.fetch {
  return (url, init) =>
    globalThis.fetch(
      url,
      init?.method === 'POST' && typeof init.body === 'string'
        ? { ...init, body: JSON.stringify({ ...JSON.parse(init.body), ...fields }) }
        : init,
    );
}
