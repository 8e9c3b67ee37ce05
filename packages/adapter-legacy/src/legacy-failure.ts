import type { PlatformError } from '@fleetcast/core';
import { type HttpResponse, platformErrorFromTable, readPlatformFailure } from '@fleetcast/core/adapter-kit';
import { legacyErrorBodyKeys, legacyErrorTable } from './legacy-errors.js';

/**
 * The `PlatformError` a legacy response carries, or `undefined` when it succeeded. A body with
 * `error_code` is a failure even with HTTP 200 (business errors such as 105001 and 105002).
 */
export function legacyFailure(
  response: HttpResponse,
  operation: string,
  secrets: Iterable<string | undefined>,
): PlatformError | undefined {
  const failure = readPlatformFailure(response, legacyErrorBodyKeys);
  if (failure.code === undefined && response.status >= 200 && response.status < 300) return undefined;
  return platformErrorFromTable(legacyErrorTable, failure, { adapter: 'legacy', operation, secrets });
}
