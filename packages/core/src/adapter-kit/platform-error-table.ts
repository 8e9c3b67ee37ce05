import { PlatformError, type PlatformErrorKind } from '../errors/platform-error.js';
import { redactSecrets } from './redact-secrets.js';

/** One documented platform error: the HTTP status it comes with (if the docs say), its code and its kind. */
export interface PlatformErrorTableEntry {
  /** HTTP status documented with the code; `undefined` matches any status. */
  httpStatus?: number;
  /** The platform's code as it appears in the body, e.g. `105002` or `IOTDA.000006`. */
  code: string;
  kind: PlatformErrorKind;
  /** What the platform documentation says it means (used in messages). */
  meaning: string;
}

/** What an adapter read from a failed response (see `readPlatformFailure`). */
export interface PlatformFailure {
  httpStatus: number;
  code?: string | undefined;
  /** The platform's own message, if any. May echo a credential: `platformErrorFromTable` redacts it. */
  message?: string | undefined;
}

/** Which call failed, for the message, and what must never show in it. */
export interface PlatformErrorContext {
  /** Adapter name recorded on the error, e.g. `legacy`. */
  adapter: string;
  /** The call in words, e.g. `create task`. */
  operation: string;
  /** Tokens, secrets and keys to replace by `[redacted]` in the message (platforms echo them back). */
  secrets?: Iterable<string | undefined>;
}

/**
 * Turns a failed response into a `PlatformError` through a documented error table: an exact
 * (status, code) row first, then a row for the code under any status, then the HTTP status class.
 * A table lives in one file per adapter so every documented code is visible and tested in one place.
 * Every secret in `context.secrets` is redacted from the message, whatever part of it carries one.
 *
 * @example
 * throw platformErrorFromTable(acmeErrors, readPlatformFailure(response, { code: 'code', message: 'message' }),
 *   { adapter: 'acme', operation: 'create job', secrets: [apiKey] });
 */
export function platformErrorFromTable(
  table: readonly PlatformErrorTableEntry[],
  failure: PlatformFailure,
  context: PlatformErrorContext,
): PlatformError {
  const entry =
    table.find((row) => row.code === failure.code && row.httpStatus === failure.httpStatus) ??
    table.find((row) => row.code === failure.code);
  const kind = entry?.kind ?? kindFromHttpStatus(failure.httpStatus);
  const code = failure.code === undefined ? '' : ` ${failure.code}`;
  const detail = failure.message ?? entry?.meaning ?? 'no error description';
  const message = `${context.adapter}: ${context.operation} failed with HTTP ${failure.httpStatus}${code}: ${detail}`;
  return new PlatformError({
    kind,
    message: redactSecrets(message, context.secrets ?? []),
    httpStatus: failure.httpStatus,
    platformCode: failure.code,
    adapter: context.adapter,
  });
}

/** The kind an undocumented code gets from its HTTP status alone. */
export function kindFromHttpStatus(status: number): PlatformErrorKind {
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'notFound';
  if (status >= 400 && status < 500) return 'invalidInput';
  return 'server';
}
