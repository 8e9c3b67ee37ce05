import { headerValue } from '../http/header-value.js';
import type { HttpExchange } from '../http/route.js';
import type { SimulatorContext } from '../simulator-context.js';
import type { SimulatorSettings } from '../simulator-settings.js';
import { V5_ERRORS, v5Error } from './v5-errors.js';
import { canonicalRequestOf, expectedSignature, parseAuthorization, parseSdkDate } from './v5-signature.js';

/** How far X-Sdk-Date may be from the gateway's (real, not simulated) clock. */
const maxSkewMs = 15 * 60_000;

/**
 * Authenticates a v5 request as the API gateway and IoTDA do: an AK/SK `Authorization` header (either
 * algorithm; 401 APIGW.0301 with the canonical request the gateway computed, 401 APIGW.0303 when
 * X-Sdk-Date is more than 15 minutes off) or `X-Auth-Token` (403 IOTDA.000004; a valid token of another
 * project: 403 IOTDA.000021); then the optional `Instance-Id` header (1–36 characters) and flow control
 * per project. Returns the project ID.
 */
export function authorizeV5(ctx: SimulatorContext, ex: HttpExchange, projectId: string): string {
  const now = ctx.clock.now();
  const authorization = headerValue(ex, 'authorization');
  if (authorization !== undefined && /^(SDK|V11)-HMAC-SHA256 /.test(authorization)) {
    verifySignature(ctx, ex, authorization);
    if (projectId !== ctx.credentials.v5.projectId) {
      throw v5Error(V5_ERRORS.notSubscribed, `Project ${projectId} is not the access key's project.`);
    }
  } else {
    const check = ctx.tokens.check(headerValue(ex, 'x-auth-token'), now);
    if (!check.ok || !check.subject.startsWith('v5:')) throw v5Error(V5_ERRORS.invalidToken);
    // A valid IAM token for another project: IAM knows the user, but this project has no IoTDA for them.
    if (check.subject !== `v5:${projectId}`) {
      throw v5Error(V5_ERRORS.notSubscribed, `Project ${projectId} is not the token's project.`);
    }
  }
  const instanceId = headerValue(ex, 'instance-id');
  if (instanceId !== undefined && (instanceId.length < 1 || instanceId.length > 36)) {
    throw v5Error(V5_ERRORS.invalidInput, 'Instance-Id must be 1 to 36 characters.');
  }
  if (!ctx.limiter.admit(`v5:${projectId}`, now)) throw v5Error(v5ThrottleError(ctx.settings()));
  return projectId;
}

/** The throttling answer the settings choose. */
export function v5ThrottleError(settings: SimulatorSettings) {
  if (settings.v5Throttle === 'apig') return V5_ERRORS.throttledApig;
  return settings.v5Throttle === 'apigw' ? V5_ERRORS.throttledGateway : V5_ERRORS.throttledIotda;
}

function verifySignature(ctx: SimulatorContext, ex: HttpExchange, authorization: string): void {
  const refuse = (detail: string) => v5Error(V5_ERRORS.badSignature, detail);
  const parsed = parseAuthorization(authorization);
  if (parsed === undefined) throw refuse('The Authorization header is malformed.');
  const settings = ctx.settings();
  if (settings.v5Signing !== 'any' && parsed.algorithm !== settings.v5Signing) {
    throw refuse(`This endpoint accepts only ${settings.v5Signing} signatures, got ${parsed.algorithm}.`);
  }
  if (!parsed.signedHeaders.includes('x-sdk-date')) throw refuse('x-sdk-date must be a signed header.');
  const sdkDate = headerValue(ex, 'x-sdk-date');
  const signedAt = parseSdkDate(sdkDate);
  if (Number.isNaN(signedAt)) throw refuse('X-Sdk-Date must be of the form YYYYMMDDTHHMMSSZ.');
  // The real wall clock: the signer's clock is real, whatever the simulated time scale.
  if (Math.abs(Date.now() - signedAt) > maxSkewMs) {
    throw v5Error(
      V5_ERRORS.requestExpired,
      `X-Sdk-Date ${sdkDate}, gateway time ${new Date().toISOString()}.`,
    );
  }
  const keys = ctx.credentials.v5;
  const known =
    parsed.accessKey === keys.accessKey
      ? { secretKey: keys.secretKey }
      : parsed.accessKey === keys.temporary.accessKey
        ? keys.temporary
        : undefined;
  if (known === undefined) throw refuse('The access key does not exist.');
  if ('securityToken' in known) {
    const token = headerValue(ex, 'x-security-token');
    if (token !== known.securityToken || !parsed.signedHeaders.includes('x-security-token')) {
      throw refuse('A temporary access key needs its security token as a signed X-Security-Token header.');
    }
  }
  if (parsed.scope !== undefined) {
    const { date, region, service } = parsed.scope;
    if (date !== sdkDate?.slice(0, 8) || region !== settings.v5Region || service !== 'iotdm') {
      throw refuse(
        `The credential scope must be ${sdkDate?.slice(0, 8)}/${settings.v5Region}/iotdm, got ${date}/${region}/${service}.`,
      );
    }
  }
  const rawUrl = ex.url.pathname + ex.url.search;
  const canonical = canonicalRequestOf(
    { method: ex.method, rawUrl, headers: ex.headers, body: ex.body },
    parsed.signedHeaders,
  );
  if (expectedSignature(parsed, canonical, sdkDate as string, known.secretKey) !== parsed.signature) {
    // As the gateway does: show the canonical request it computed, to compare with the client's.
    throw refuse(`The canonical request computed: ${JSON.stringify(canonical)}`);
  }
}
