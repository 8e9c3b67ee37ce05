import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultDecision } from '../fault-injector.js';
import type { RequestLog } from '../request-log.js';
import { HttpReply } from './http-reply.js';
import { readBody } from './read-body.js';
import type { HttpExchange, Route, RouteApi } from './route.js';
import { sendReply } from './send-reply.js';

/** What the dispatcher needs from the simulator. */
export interface DispatchContext {
  readonly routes: readonly Route[];
  readonly log: RequestLog;
  maxBodyBytes(): number;
  now(): number;
  decideFault(route: Route): FaultDecision;
  /** Catches tasks up with the clock before a route looks at them. */
  sync(): void;
  /** Generic errors in each API's dialect. */
  errorReply(
    api: RouteApi,
    kind: 'invalid-body' | 'too-large' | 'throttle' | 'not-found' | 'internal',
    status?: number,
  ): HttpReply;
}

/** Runs one request: route match, injected faults, body limit, lifecycle sync, handler, reply. */
export async function dispatchRequest(
  ctx: DispatchContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  // Parse against a fixed origin so a request line like `//host/x` cannot change the path's meaning.
  const rawUrl = request.url ?? '/';
  const url = new URL(`http://127.0.0.1${rawUrl.startsWith('/') ? '' : '/'}${rawUrl}`);
  const method = request.method ?? 'GET';
  const path = url.pathname;
  let api: RouteApi = path.startsWith('/iocm/')
    ? 'legacy'
    : path.startsWith('/__fleetcast__')
      ? 'admin'
      : 'v5';
  let route: Route | undefined;
  let params: string[] = [];
  let pathMatched = false;
  for (const candidate of ctx.routes) {
    const match = candidate.pattern.exec(path);
    if (match === null) continue;
    pathMatched = true;
    if (candidate.method !== method) continue;
    route = candidate;
    api = candidate.api;
    try {
      params = match.slice(1).map((part) => decodeURIComponent(part));
    } catch {
      // A malformed %-escape in the path: answer like any other bad input.
      request.resume();
      const reply = ctx.errorReply(api, 'invalid-body');
      sendReply(response, reply, api === 'v5');
      ctx.log.add({
        at: ctx.now(),
        route: candidate.name,
        method,
        path,
        outcome: reply.status,
        fault: undefined,
      });
      return;
    }
    break;
  }
  const at = ctx.now();
  const logEntry = (outcome: number | 'reset' | 'dropped', fault?: string) =>
    ctx.log.add({ at, route: route?.name ?? 'unknown', method, path, outcome, fault });
  if (route === undefined) {
    request.resume();
    const reply = ctx.errorReply(api, 'not-found', pathMatched ? 405 : 404);
    sendReply(response, reply, api === 'v5');
    logEntry(reply.status);
    return;
  }
  const fault =
    route.api === 'admin'
      ? { action: 'none' as const, latencyMs: 0, serverErrorStatus: 500 }
      : ctx.decideFault(route);
  const faultName = fault.action === 'none' ? undefined : fault.action;
  if (fault.latencyMs > 0) await sleep(fault.latencyMs);
  if (fault.action === 'reset') {
    request.socket.destroy();
    logEntry('reset', faultName);
    return;
  }
  if (fault.action === 'server-error' || fault.action === 'throttle') {
    request.resume();
    const reply = ctx.errorReply(
      route.api,
      fault.action === 'throttle' ? 'throttle' : 'internal',
      fault.serverErrorStatus,
    );
    sendReply(response, reply, route.api === 'v5');
    logEntry(reply.status, faultName);
    return;
  }
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const read = await readBody(request, ctx.maxBodyBytes());
    if (!read.ok) {
      if (read.reason === 'aborted') return;
      const reply = ctx.errorReply(route.api, 'too-large');
      // The rest of an oversized body is not read, so the connection cannot be reused.
      response.setHeader('Connection', 'close');
      sendReply(response, reply, route.api === 'v5');
      logEntry(reply.status, faultName);
      return;
    }
    body = read.body;
  }
  const exchange: HttpExchange = { method, url, params, headers: request.headers, body };
  let reply: HttpReply;
  try {
    ctx.sync();
    reply = await route.handle(exchange);
  } catch (error) {
    reply = error instanceof HttpReply ? error : ctx.errorReply(route.api, 'internal');
    if (!(error instanceof HttpReply))
      process.emitWarning(`fleetcast-simulator: ${route.name} failed: ${String(error)}`);
  }
  if (fault.action === 'commit-then-drop') {
    // The work is done (a create really created the task) but the client never hears about it.
    request.socket.destroy();
    logEntry('dropped', faultName);
    return;
  }
  sendReply(response, reply, route.api === 'v5');
  logEntry(reply.status, faultName);
}
