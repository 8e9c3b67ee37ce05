import { headerValue } from '../http/header-value.js';
import type { HttpExchange } from '../http/route.js';
import type { SimulatorContext } from '../simulator-context.js';
import { V5_ERRORS, v5Error } from './v5-errors.js';

/**
 * Checks `X-Auth-Token` (403 IOTDA.000004; a valid token of another project: 403 IOTDA.000021), the
 * optional `Instance-Id` header (1–36 characters), then flow control per project. Returns the project ID.
 */
export function authorizeV5(ctx: SimulatorContext, ex: HttpExchange, projectId: string): string {
  const token = headerValue(ex, 'x-auth-token');
  const now = ctx.clock.now();
  const check = ctx.tokens.check(token, now);
  if (!check.ok || !check.subject.startsWith('v5:')) throw v5Error(V5_ERRORS.invalidToken);
  // A valid IAM token for another project: IAM knows the user, but this project has no IoTDA for them.
  if (check.subject !== `v5:${projectId}`) {
    throw v5Error(V5_ERRORS.notSubscribed, `Project ${projectId} is not the token's project.`);
  }
  const instanceId = headerValue(ex, 'instance-id');
  if (instanceId !== undefined && (instanceId.length < 1 || instanceId.length > 36)) {
    throw v5Error(V5_ERRORS.invalidInput, 'Instance-Id must be 1 to 36 characters.');
  }
  if (!ctx.limiter.admit(`v5:${projectId}`, now)) {
    throw v5Error(
      ctx.settings().v5Throttle === 'apigw' ? V5_ERRORS.throttledGateway : V5_ERRORS.throttledIotda,
    );
  }
  return projectId;
}
