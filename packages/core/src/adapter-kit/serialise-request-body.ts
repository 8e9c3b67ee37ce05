import { PlatformError } from '../errors/platform-error.js';
import type { HttpRequestSpecV1 } from '../adapter/v1/http-request-spec-v1.js';

/**
 * The JSON text of a request body. A body JSON cannot hold (nested past the stack, a cycle, a BigInt) is a
 * `PlatformError` of kind `invalidInput`: nothing was sent, so the call is certainly without effect. For adapters
 * that must serialise a body themselves (to sign the exact bytes sent).
 */
export function serialiseRequestBody(request: HttpRequestSpecV1, adapter: string | undefined): string {
  try {
    return JSON.stringify(request.body);
  } catch (error) {
    const reason =
      error instanceof RangeError
        ? 'nested too deep'
        : /circular/i.test(String((error as Error)?.message))
          ? 'it holds a cycle'
          : 'not serialisable as JSON';
    throw new PlatformError({
      kind: 'invalidInput',
      message: `${request.method} ${request.path.split('?')[0]}: the request body cannot be written as JSON (${reason}); nothing was sent`,
      adapter,
      cause: error,
    });
  }
}
