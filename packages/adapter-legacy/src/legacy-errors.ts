import type { PlatformError } from '@fleetcast/core';
import {
  type HttpResponse,
  type PlatformErrorBodyKeys,
  type PlatformErrorTableEntry,
  platformErrorFromTable,
  readPlatformFailure,
} from '@fleetcast/core/adapter-kit';

/** Where a legacy error body keeps its code and message: `error_desc`, not v5's `error_msg`. */
export const legacyErrorBodyKeys: PlatformErrorBodyKeys = { code: 'error_code', message: 'error_desc' };

/**
 * Every error code in the legacy reference tables (create, query one, subtask details) and its kind.
 * Business errors 100203, 101001, 105001 and 105002 arrive with HTTP 200: the adapter checks
 * `error_code` on every response, whatever the status.
 */
export const legacyErrorTable: readonly PlatformErrorTableEntry[] = [
  { httpStatus: 200, code: '100203', kind: 'auth', meaning: 'the application does not exist' },
  { httpStatus: 200, code: '101001', kind: 'notFound', meaning: 'the resource does not exist' },
  {
    httpStatus: 200,
    code: '105001',
    kind: 'taskLimit',
    meaning: 'the batch-task count has reached the limit',
  },
  { httpStatus: 200, code: '105002', kind: 'nameExists', meaning: 'the batch-task name already exists' },
  {
    httpStatus: 400,
    code: '105201',
    kind: 'invalidInput',
    meaning: 'the tagName/tagValue pair is already used',
  },
  { httpStatus: 400, code: '50400', kind: 'invalidInput', meaning: 'an input parameter is invalid' },
  { httpStatus: 400, code: '100019', kind: 'invalidInput', meaning: 'a mandatory parameter is empty' },
  { httpStatus: 400, code: '100022', kind: 'invalidInput', meaning: 'the input is invalid' },
  { httpStatus: 401, code: '100028', kind: 'auth', meaning: 'the user has no right' },
  { httpStatus: 403, code: '100203', kind: 'auth', meaning: 'the application does not exist' },
  { httpStatus: 403, code: '100217', kind: 'auth', meaning: 'the application is not authorized' },
  {
    httpStatus: 403,
    code: '1010009',
    kind: 'throttled',
    meaning: 'app throttle exceeded (100 calls per 60 s)',
  },
  { httpStatus: 403, code: '1010005', kind: 'auth', meaning: 'invalid access token or appId' },
  { httpStatus: 404, code: '105202', kind: 'notFound', meaning: 'the tag does not exist' },
  { httpStatus: 404, code: '105005', kind: 'notFound', meaning: 'the batch task does not exist' },
  {
    httpStatus: 500,
    code: '100203',
    kind: 'server',
    meaning: 'the application does not exist (server side)',
  },
  { httpStatus: 500, code: '50252', kind: 'server', meaning: 'internal server error' },
  // Not in the reference tables: the simulator answers a login with a wrong appId or secret with it.
  { httpStatus: 401, code: '100208', kind: 'auth', meaning: 'the appId or secret is wrong' },
];

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
