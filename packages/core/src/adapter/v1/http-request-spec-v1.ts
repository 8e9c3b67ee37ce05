/** A request exactly as it would be sent, minus authentication (added by the transport). */
export interface HttpRequestSpecV1 {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the adapter's base URL, with any query string. */
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}
