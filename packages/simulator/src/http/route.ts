import type { SimulatorRoute } from '../simulator-route.js';
import type { HttpReply } from './http-reply.js';

/** One parsed request as a route handler sees it. */
export interface HttpExchange {
  readonly method: string;
  readonly url: URL;
  /** Capture groups of the route pattern (path parameters), decoded. */
  readonly params: readonly string[];
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer | undefined;
}

/** Which wire dialect a route speaks; decides the shape of generic errors (bad body, throttling, 5xx). */
export type RouteApi = 'legacy' | 'v5' | 'admin';

/** A route: method + path pattern → handler. */
export interface Route {
  readonly name: SimulatorRoute | 'admin';
  readonly api: RouteApi;
  readonly method: string;
  readonly pattern: RegExp;
  handle(exchange: HttpExchange): HttpReply | Promise<HttpReply>;
}
