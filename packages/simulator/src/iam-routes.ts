import { HttpReply } from './http/http-reply.js';
import { isJsonObject, parseJsonObject } from './http/input-problem.js';
import type { HttpExchange, Route } from './http/route.js';
import type { SimulatorContext } from './simulator-context.js';
import { compactUtc } from './compact-utc.js';

/**
 * A minimal IAM password login (`POST /v3/auth/tokens`) so v5 clients can get a fresh X-Auth-Token
 * after expiry: the token comes back in the `X-Subject-Token` header, as IAM does.
 */
export function iamRoutes(ctx: SimulatorContext): Route[] {
  return [
    {
      name: 'iam.createToken',
      api: 'v5',
      method: 'POST',
      pattern: /^\/v3\/auth\/tokens$/,
      handle: (ex) => createToken(ctx, ex),
    },
  ];
}

const unauthorized = () =>
  new HttpReply(401, {
    error: { code: 401, title: 'Unauthorized', message: 'The username or password is wrong.' },
  });

function path(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = isJsonObject(current) ? current[key] : undefined;
  return current;
}

function createToken(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  let body: unknown;
  try {
    body = parseJsonObject(ex.body);
  } catch {
    return new HttpReply(400, {
      error: { code: 400, title: 'Bad Request', message: 'The request body is not valid JSON.' },
    });
  }
  const user = path(body, 'auth', 'identity', 'password', 'user');
  const v5 = ctx.credentials.v5;
  const projectId = path(body, 'auth', 'scope', 'project', 'id') ?? v5.projectId;
  if (
    path(user, 'name') !== v5.userName ||
    path(user, 'password') !== v5.password ||
    path(user, 'domain', 'name') !== v5.domainName ||
    projectId !== v5.projectId
  ) {
    return unauthorized();
  }
  const now = ctx.clock.now();
  const issued = ctx.tokens.issue(`v5:${v5.projectId}`, now, ctx.settings().tokenLifetimeMs.v5);
  return new HttpReply(
    201,
    {
      token: {
        issued_at: compactUtc(now),
        expires_at: compactUtc(issued.expiresAt),
        project: { id: v5.projectId },
      },
    },
    { 'X-Subject-Token': issued.token },
  );
}
