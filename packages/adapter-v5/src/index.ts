/**
 * @fleetcast/adapter-v5: Huawei Cloud IoTDA v5 batch tasks (`/v5/iot/{project_id}/batchtasks`) behind
 * fleetcast's adapter specification v1.
 */
export {
  createV5Adapter,
  type V5Adapter,
  type V5BatchActionResult,
  type V5ListTasksQuery,
} from './v5-adapter.js';
export type {
  V5AccessKeyCredentials,
  V5AdapterSettings,
  V5CredentialsSource,
} from './v5-settings.js';
export { V5ClockSkewError, v5MaxClockSkewMs } from './v5-clock-skew-error.js';
export { v5RegionOfHost } from './v5-auth.js';
export {
  buildV5CreateRequest,
  v5TaskTypes,
  type V5CreateOptions,
} from './v5-create-request.js';
export { v5ErrorTable } from './v5-errors.js';
export { normalizeV5Task, normalizeV5Subtask } from './v5-task-status.js';
export { v5Pages, type V5PageResult } from './v5-pages.js';
export type * from './v5-api.js';
export { v5MaxActionTargets, v5MaxOffset, v5MaxPageSize, v5MaxTargets } from './v5-api.js';
export {
  signV5Request,
  v5DerivedServiceName,
  v5PercentEncode,
  v5SdkDate,
  v5SigningAlgorithmForHost,
  v5UnsignedPayload,
  type V5SignInput,
  type V5Signature,
  type V5SigningAlgorithm,
} from './v5-signer.js';
export { v5TaskNameRule, v5AsciiTaskNameRule } from './v5-task-name-rule.js';
