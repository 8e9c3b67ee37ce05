import { HttpReply } from '../http/http-reply.js';

/**
 * Legacy error codes used by the simulator, with HTTP status and description as the northbound
 * error tables give them (reference A1–A3). Business errors such as 105001/105002 come with HTTP 200.
 */
export const LEGACY_ERRORS = {
  appNotExist: { status: 403, code: '100203', desc: 'The application is not existed.' },
  appNotAuthorized: { status: 403, code: '100217', desc: "The application hasn't been authorized." },
  taskCountLimit: { status: 200, code: '105001', desc: 'The batchTask count has reached the limit.' },
  taskNameExists: { status: 200, code: '105002', desc: 'The batchTask name has exist.' },
  tagUsed: { status: 400, code: '105201', desc: 'The tagName and tagValue has been used on the platform.' },
  invalidInput: { status: 400, code: '50400', desc: 'The input is invalid.' },
  illegalRequest: { status: 400, code: '100019', desc: 'Illegal request.' },
  queryInvalidInput: { status: 400, code: '100022', desc: 'The input is invalid.' },
  throttled: { status: 403, code: '1010009', desc: 'app throttle exceed.' },
  invalidToken: { status: 403, code: '1010005', desc: 'App_key or access_token is invalid.' },
  taskNotExist: { status: 404, code: '105005', desc: 'The batchTask is not existed.' },
  internal: { status: 500, code: '50252', desc: 'Internal server error.' },
} as const;

/** One entry of {@link LEGACY_ERRORS}. */
export type LegacyError = (typeof LEGACY_ERRORS)[keyof typeof LEGACY_ERRORS];

/** The legacy error body `{error_code, error_desc}`, with an optional detail naming the field. */
export function legacyError(error: LegacyError, detail?: string, status: number = error.status): HttpReply {
  return new HttpReply(status, {
    error_code: error.code,
    error_desc: detail === undefined ? error.desc : `${error.desc} ${detail}`,
  });
}
