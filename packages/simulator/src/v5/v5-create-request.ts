import { parseCompactUtc } from '../compact-utc.js';
import {
  InputProblem,
  type JsonObject,
  readBoolean,
  readInteger,
  readObject,
  readString,
  readStringArray,
} from '../http/input-problem.js';

/** Upgrade task types: the only ones with task_mode, task_ext_info, need_confirm, stop, retry and confirm. */
const UPGRADES = ['softwareUpgrade', 'firmwareUpgrade', 'moduleUpgrade'] as const;
/** Device-state task types: they take explicit targets and a batch file alike. */
const DEVICE_STATE = ['deleteDevices', 'freezeDevices', 'unfreezeDevices'] as const;
/** Command, message and shadow task types: explicit targets or group filters, never a file. */
const DELIVERIES = [
  'createCommands',
  'createAsyncCommands',
  'createMessages',
  'updateDeviceShadows',
] as const;

/** v5 task types (reference B1), including `moduleUpgrade` and the docs-only `changeGateway`. */
export const V5_TASK_TYPES = [
  ...UPGRADES,
  'createDevices',
  ...DEVICE_STATE,
  ...DELIVERIES,
  'updateDevices',
  'changeGateway',
] as const;

/** Task types that accept `targets` / `targets_filter` (reference B1). */
const TARGETABLE = new Set<string>([...UPGRADES, ...DEVICE_STATE, ...DELIVERIES]);
/** Task types that take `document_source` (an uploaded batch file). */
const FILE_DRIVEN = new Set<string>(['createDevices', 'updateDevices', ...DEVICE_STATE]);
/** See {@link UPGRADES}. */
export const UPGRADE_TYPES = new Set<string>(UPGRADES);

/** Device ID rule of current docs: ≤ 128 of letters, digits, `_` and `-`. */
export const V5_DEVICE_ID = {
  min: 1,
  max: 128,
  pattern: /^[A-Za-z0-9_-]+$/,
  patternText: 'letters, digits, _ and -',
};
/** task_name: ≤ 128 of Chinese characters, letters, digits and `_` (no `-`, no space). */
const TASK_NAME = {
  required: true,
  min: 1,
  max: 128,
  pattern: /^[\p{Script=Han}A-Za-z0-9_]+$/u,
  patternText: 'Chinese characters, letters, digits and _',
};
/** Resource space ID (`app_id`): ≤ 36 of letters, digits, `_` and `-`. */
export const V5_APP_ID = {
  min: 1,
  max: 36,
  pattern: /^[A-Za-z0-9_-]+$/,
  patternText: 'letters, digits, _ and -',
};
const SEVEN_DAYS_MS = 7 * 86_400_000;

/** A validated v5 create body. */
export interface V5CreateRequest {
  appId: string | undefined;
  taskName: string;
  taskType: (typeof V5_TASK_TYPES)[number];
  targets: string[] | undefined;
  groupIds: string[] | undefined;
  documentSource: string | undefined;
  needConfirm: boolean;
  scheduleTime: number | undefined;
  retryCount: number;
  retryIntervalMinutes: number;
}

/** Thrown for a `schedule_time` in the wrong format: IoTDA answers IOTDA.000009 for it. */
export class TimeFormatProblem extends InputProblem {}

/**
 * Checks a v5 create body (reference B1): names, types, which target source each task type takes,
 * `document` per task type, `task_policy` (schedule_time format and 7-day window, retry pairing).
 */
export function readV5CreateRequest(body: JsonObject, now: number, maxTargets: number): V5CreateRequest {
  const appId = readString(body, 'app_id', V5_APP_ID);
  const taskName = readString(body, 'task_name', TASK_NAME) as string;
  const taskType = readString(body, 'task_type', {
    required: true,
    oneOf: V5_TASK_TYPES,
  }) as V5CreateRequest['taskType'];
  const upgrade = UPGRADE_TYPES.has(taskType);
  const taskMode = readString(body, 'task_mode', { oneOf: ['GATEWAY'] });
  if (taskMode !== undefined && !upgrade)
    throw new InputProblem('task_mode', 'is only for firmware/software upgrades');
  const needConfirm = readBoolean(body, 'need_confirm') ?? false;
  if (needConfirm && !upgrade) throw new InputProblem('need_confirm', 'is only for upgrade tasks');
  const extInfo = readObject(body, 'task_ext_info', false);
  if (extInfo !== undefined) {
    if (!upgrade) throw new InputProblem('task_ext_info', 'is only for firmware/software upgrades');
    if (JSON.stringify(extInfo).length > 512)
      throw new InputProblem('task_ext_info', 'must be at most 512 characters');
  }
  const targets = readStringArray(body, 'targets', { maxItems: maxTargets, item: V5_DEVICE_ID });
  const filter = readObject(body, 'targets_filter', false);
  const groupIds =
    filter === undefined
      ? undefined
      : readStringArray(
          filter,
          'group_ids',
          { required: true, minItems: 1, maxItems: 1000, item: { min: 1, max: 64 } },
          'targets_filter.group_ids',
        );
  const documentSource = readString(body, 'document_source', { min: 1, max: 256 });
  if ((targets !== undefined || groupIds !== undefined) && !TARGETABLE.has(taskType)) {
    throw new InputProblem(
      targets !== undefined ? 'targets' : 'targets_filter',
      `is not supported for task_type ${taskType}`,
    );
  }
  if (documentSource !== undefined && !FILE_DRIVEN.has(taskType)) {
    throw new InputProblem('document_source', `is not supported for task_type ${taskType}`);
  }
  if (targets === undefined && groupIds === undefined && documentSource === undefined) {
    throw new InputProblem('targets', 'one of targets, targets_filter or document_source is required');
  }
  readDocument(body, taskType);
  const policy = readObject(body, 'task_policy', false) ?? {};
  const scheduleText = readString(policy, 'schedule_time', {}, 'task_policy.schedule_time');
  let scheduleTime: number | undefined;
  if (scheduleText !== undefined) {
    scheduleTime = parseCompactUtc(scheduleText);
    if (scheduleTime === undefined)
      throw new TimeFormatProblem('task_policy.schedule_time', "must be yyyyMMdd'T'HHmmss'Z'");
    if (scheduleTime > now + SEVEN_DAYS_MS)
      throw new InputProblem('task_policy.schedule_time', 'must be within 7 days');
  }
  const retryCount = readInteger(policy, 'retry_count', { min: 1, max: 5 }, 'task_policy.retry_count');
  const retryInterval = readInteger(
    policy,
    'retry_interval',
    { min: 0, max: 1440 },
    'task_policy.retry_interval',
  );
  if ((retryCount === undefined) !== (retryInterval === undefined)) {
    throw new InputProblem(
      retryCount === undefined ? 'task_policy.retry_count' : 'task_policy.retry_interval',
      'is required when the other retry field is set',
    );
  }
  return {
    appId,
    taskName,
    taskType,
    targets,
    groupIds,
    documentSource,
    needConfirm,
    scheduleTime,
    retryCount: retryCount ?? 0,
    retryIntervalMinutes: retryInterval ?? 0,
  };
}

function readDocument(body: JsonObject, taskType: string): void {
  const needsDocument =
    UPGRADE_TYPES.has(taskType) ||
    (taskType.startsWith('create') && taskType !== 'createDevices') ||
    taskType === 'updateDeviceShadows';
  const document = readObject(body, 'document', needsDocument);
  if (document === undefined) return;
  if (UPGRADE_TYPES.has(taskType)) {
    // Current SDKs send `package_ids` (array); older ones a single `package_id`. Both are accepted.
    if (document.package_ids !== undefined) {
      readStringArray(
        document,
        'package_ids',
        { required: true, minItems: 1, maxItems: 10, item: { min: 1, max: 64 } },
        'document.package_ids',
      );
    } else readString(document, 'package_id', { required: true, min: 1, max: 64 }, 'document.package_ids');
  } else if (taskType === 'createCommands' || taskType === 'createAsyncCommands') {
    readString(document, 'service_id', { min: 1, max: 64 }, 'document.service_id');
    readString(document, 'command_name', { min: 1, max: 128 }, 'document.command_name');
    readObject(document, 'paras', true, 'document.paras');
    if (taskType === 'createAsyncCommands') {
      readInteger(document, 'expire_time', { min: 0, max: 172_800 }, 'document.expire_time');
      readString(document, 'send_strategy', { oneOf: ['immediately', 'delay'] }, 'document.send_strategy');
    }
  } else if (taskType === 'createMessages') {
    if (document.message === undefined) throw new InputProblem('document.message', 'is required');
  } else if (taskType === 'updateDeviceShadows') {
    const shadow = document.shadow;
    if (!Array.isArray(shadow) || shadow.length === 0 || shadow.length > 5) {
      throw new InputProblem('document.shadow', 'must be an array of 1 to 5 {service_id, desired}');
    }
    const seen = new Set<string>();
    shadow.forEach((entry: unknown, index) => {
      const path = `document.shadow[${index}]`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
        throw new InputProblem(path, 'must be an object');
      const serviceId = readString(
        entry as JsonObject,
        'service_id',
        { required: true, min: 1, max: 64 },
        `${path}.service_id`,
      ) as string;
      readObject(entry as JsonObject, 'desired', true, `${path}.desired`);
      if (seen.has(serviceId)) throw new InputProblem(`${path}.service_id`, 'must be unique');
      seen.add(serviceId);
    });
    if (JSON.stringify(shadow).length > 10 * 1024)
      throw new InputProblem('document.shadow', 'must be at most 10 KB');
  }
}
