import { HttpReply } from '../http/http-reply.js';

/**
 * IoTDA error codes used by the simulator (reference B9 and Huawei's IoTDA ErrorCode page).
 * `throttledGateway`/`throttledIotda` are the two throttling answers the simulator can give
 * (see docs/simulator.md); `internal` is the simulator's own choice, as the reference gives no 5xx code.
 */
export const V5_ERRORS = {
  invalidInput: { status: 400, code: 'IOTDA.000006', msg: 'Invalid input data.' },
  badRequest: { status: 400, code: 'IOTDA.000008', msg: 'Invalid input. Bad request.' },
  invalidTime: { status: 400, code: 'IOTDA.000009', msg: 'Invalid input. Invalid time format.' },
  invalidLimit: {
    status: 400,
    code: 'IOTDA.000017',
    msg: "Invalid input. The specified parameter 'limit' is out of range.",
  },
  invalidToken: { status: 403, code: 'IOTDA.000004', msg: 'Invalid access token.' },
  notSubscribed: {
    status: 403,
    code: 'IOTDA.000021',
    msg: 'The IAM user does not exist or has not subscribed to IoTDA.',
  },
  appNotExist: { status: 403, code: 'IOTDA.001000', msg: 'The application does not exist.' },
  taskNotFound: { status: 404, code: 'IOTDA.014000', msg: 'The batch task does not exist.' },
  resourceNotFound: { status: 404, code: 'IOTDA.014000', msg: 'The resource does not exist.' },
  throttledGateway: { status: 429, code: 'APIGW.0308', msg: 'The throttling threshold has been reached.' },
  throttledApig: { status: 429, code: 'APIG.0308', msg: 'The throttling threshold has been reached.' },
  badSignature: {
    status: 401,
    code: 'APIGW.0301',
    msg: 'Incorrect IAM authentication information: verify aksk signature fail.',
  },
  requestExpired: {
    status: 401,
    code: 'APIGW.0303',
    msg: 'Incorrect app authentication information: the request has expired (X-Sdk-Date is more than 15 minutes off the gateway clock).',
  },
  throttledIotda: {
    status: 403,
    code: 'IOTDA.021102',
    msg: 'The request rate has reached the upper limit of the tenant.',
  },
  internal: { status: 500, code: 'IOTDA.000500', msg: 'Internal server error.' },
} as const;

/** One entry of {@link V5_ERRORS}. */
export type V5Error = (typeof V5_ERRORS)[keyof typeof V5_ERRORS];

/** The IoTDA error body `{error_code, error_msg}`, with an optional detail naming the field. */
export function v5Error(error: V5Error, detail?: string, status: number = error.status): HttpReply {
  return new HttpReply(status, {
    error_code: error.code,
    error_msg: detail === undefined ? error.msg : `${error.msg} ${detail}`,
  });
}
