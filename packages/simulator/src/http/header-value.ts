import type { HttpExchange } from './route.js';

/** The first value of a request header (`name` in lower case, as Node keeps them), or undefined. */
export function headerValue(ex: HttpExchange, name: string): string | undefined {
  const value = ex.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
