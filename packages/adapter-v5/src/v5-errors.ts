import type { PlatformErrorBodyKeys, PlatformErrorTableEntry } from '@fleetcast/core/adapter-kit';

/** Where an IoTDA error body keeps its code and message (`{"error_code", "error_msg"}`). */
export const v5ErrorBodyKeys: PlatformErrorBodyKeys = { code: 'error_code', message: 'error_msg' };

/**
 * Every IoTDA error code in the reference (B9) and its kind. The reference has no batch-specific
 * 014xxx codes for a duplicate name or too many unfinished tasks, so no v5 code maps to `nameExists`
 * or `taskLimit`; undocumented codes fall back to their HTTP status (429 → throttled, 5xx → server).
 * API Gateway throttling (`APIGW.0308` or `APIG.0308`, HTTP 429) and signature refusals (`APIGW.0301`,
 * `APIGW.0303`) are listed because gateway errors share this table.
 */
export const v5ErrorTable: readonly PlatformErrorTableEntry[] = [
  { httpStatus: 400, code: 'IOTDA.000006', kind: 'invalidInput', meaning: 'invalid input data' },
  { httpStatus: 400, code: 'IOTDA.000008', kind: 'invalidInput', meaning: 'invalid request format' },
  { httpStatus: 400, code: 'IOTDA.000009', kind: 'invalidInput', meaning: 'invalid time format' },
  { httpStatus: 400, code: 'IOTDA.014602', kind: 'invalidInput', meaning: 'batch file name already exists' },
  { httpStatus: 400, code: 'IOTDA.014603', kind: 'invalidInput', meaning: 'batch file too large' },
  { httpStatus: 403, code: 'IOTDA.000004', kind: 'auth', meaning: 'invalid access token' },
  {
    httpStatus: 403,
    code: 'IOTDA.000021',
    kind: 'auth',
    meaning: 'IAM user not found or not subscribed to IoTDA',
  },
  {
    httpStatus: 403,
    code: 'IOTDA.001000',
    kind: 'auth',
    meaning: 'the application (resource space) does not exist',
  },
  { httpStatus: 403, code: 'IOTDA.001002', kind: 'auth', meaning: 'the application is not authorized' },
  {
    httpStatus: 403,
    code: 'IOTDA.001005',
    kind: 'auth',
    meaning: 'several applications exist and no app_id was given',
  },
  { httpStatus: 403, code: 'IOTDA.001006', kind: 'auth', meaning: 'no application exists' },
  {
    httpStatus: 403,
    code: 'IOTDA.001007',
    kind: 'auth',
    meaning: 'the application is not owned by the user',
  },
  { httpStatus: 500, code: 'IOTDA.000020', kind: 'server', meaning: 'failed to decrypt the IAM token' },
  {
    code: 'IOTDA.014219',
    kind: 'invalidInput',
    meaning: 'the subtask cannot be stopped or retried in its state',
  },
  { httpStatus: 429, code: 'APIGW.0308', kind: 'throttled', meaning: 'API Gateway throttled the request' },
  // The gateway's own documents spell it APIG.0308; the IoTDA code table spells it APIGW.0308. Either, with
  // whatever status it arrives, is a throttle, never an auth or input failure.
  { httpStatus: 429, code: 'APIG.0308', kind: 'throttled', meaning: 'API Gateway throttled the request' },
  { code: 'APIG.0308', kind: 'throttled', meaning: 'API Gateway throttled the request' },
  { code: 'APIGW.0308', kind: 'throttled', meaning: 'API Gateway throttled the request' },
  // AK/SK signing (iotda-auth-and-endpoints.md §1): a wrong signature, and an X-Sdk-Date more than 15
  // minutes off (the client turns the latter into V5ClockSkewError).
  { httpStatus: 401, code: 'APIGW.0301', kind: 'auth', meaning: 'the request signature is incorrect' },
  { httpStatus: 401, code: 'APIG.0301', kind: 'auth', meaning: 'the request signature is incorrect' },
  { httpStatus: 401, code: 'APIGW.0303', kind: 'auth', meaning: 'X-Sdk-Date is more than 15 minutes off' },
  { httpStatus: 401, code: 'APIG.0303', kind: 'auth', meaning: 'X-Sdk-Date is more than 15 minutes off' },
  // From Huawei's IoTDA ErrorCode page (beyond reference B9): IoTDA's own throttling answers 403, so
  // without this row it would read as an auth failure.
  {
    httpStatus: 403,
    code: 'IOTDA.021102',
    kind: 'throttled',
    meaning: 'the tenant request rate limit was reached',
  },
  {
    httpStatus: 400,
    code: 'IOTDA.000017',
    kind: 'invalidInput',
    meaning: 'a paging parameter is out of range',
  },
  {
    httpStatus: 404,
    code: 'IOTDA.014000',
    kind: 'notFound',
    meaning: 'the batch task or resource does not exist',
  },
];
