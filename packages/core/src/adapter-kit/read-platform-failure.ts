import type { PlatformFailure } from './platform-error-table.js';

/** Where a platform's JSON error body keeps its code and its message. */
export interface PlatformErrorBodyKeys {
  /** e.g. `error_code` (both Huawei platforms). */
  code: string;
  /** e.g. `error_desc` (legacy) or `error_msg` (IoTDA v5). */
  message: string;
}

/**
 * Reads the status, code and message of a response for `platformErrorFromTable`. A code is a non-empty
 * string or a number (the legacy platform sends either); anything else, or a body that is not a JSON
 * object, leaves it undefined. Whether the response failed is the adapter's call: legacy business
 * errors come with HTTP 200, so a defined `code` may be the only sign.
 *
 * @example
 * const failure = readPlatformFailure(response, { code: 'error_code', message: 'error_msg' });
 */
export function readPlatformFailure(
  response: { status: number; body: unknown },
  keys: PlatformErrorBodyKeys,
): PlatformFailure {
  const body = response.body;
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = fields[keys.code];
  const message = fields[keys.message];
  return {
    httpStatus: response.status,
    code:
      (typeof code === 'string' && code !== '') || (typeof code === 'number' && Number.isFinite(code))
        ? String(code)
        : undefined,
    message: typeof message === 'string' && message !== '' ? message : undefined,
  };
}
