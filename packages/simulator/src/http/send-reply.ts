import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { HttpReply } from './http-reply.js';

/** Writes a reply as JSON (204 without a body). v5-style replies carry an `X-Request-Id`, as IoTDA's do. */
export function sendReply(response: ServerResponse, reply: HttpReply, withRequestId: boolean): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (withRequestId) headers['X-Request-Id'] = randomUUID().replace(/-/g, '');
  if (reply.status === 204 || reply.body === undefined) {
    response.writeHead(reply.status, headers);
    response.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
  headers['Content-Type'] = 'application/json;charset=UTF-8';
  headers['Content-Length'] = payload.length;
  response.writeHead(reply.status, headers);
  response.end(payload);
}
