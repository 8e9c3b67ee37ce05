import {
  type HttpResponse,
  type PlatformError,
  platformErrorFromTable,
  redactSecrets,
} from '@fleetcast/core';
import type { LegacyErrorBody } from './legacy-api.js';
import { legacyErrorTable } from './legacy-errors.js';

/**
 * The `PlatformError` a legacy response carries, or `undefined` when it succeeded. A body with
 * `error_code` is a failure even with HTTP 200 (business errors such as 105001 and 105002).
 */
export function legacyFailure(
  response: HttpResponse,
  operation: string,
  secrets: Iterable<string | undefined>,
): PlatformError | undefined {
  const body = response.body as Partial<LegacyErrorBody> | undefined;
  const hasCode = typeof body === 'object' && body !== null && body.error_code !== undefined;
  if (!hasCode && response.status >= 200 && response.status < 300) return undefined;
  const message = hasCode && typeof body.error_desc === 'string' ? body.error_desc : undefined;
  return platformErrorFromTable(
    legacyErrorTable,
    {
      httpStatus: response.status,
      ...(hasCode ? { code: String(body.error_code) } : {}),
      ...(message === undefined ? {} : { message: redactSecrets(message, secrets) }),
    },
    { adapter: 'legacy', operation },
  );
}
