import {
  InputProblem,
  type JsonObject,
  readInteger,
  readObject,
  readString,
  readStringArray,
} from '../http/input-problem.js';

/** Legacy `param.type` values (reference A1). */
export const LEGACY_PARAM_TYPES = [
  'DeviceList',
  'DeviceType',
  'DeviceArea',
  'GroupList',
  'Broadcast',
  'GroupIdList',
] as const;

/** A validated legacy create body. */
export interface LegacyCreateRequest {
  appId: string | undefined;
  taskName: string;
  taskType: 'DeviceCmd';
  timeout: number;
  param: JsonObject & { type: (typeof LEGACY_PARAM_TYPES)[number] };
  tags: { tagName: string; tagValue: string }[];
}

/** Device IDs on the legacy platform: letters, digits, `_` and `-` (the simulator uses the v5 rule). */
const DEVICE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * Checks a legacy create body field by field (reference A1): taskName ≤ 256, taskType DeviceCmd
 * (the zh API doc's list), timeout 10–2880, the conditional fields of each `param.type`, command
 * serviceId 1–64 and method 1–128, maxRetransmit 0–3, tags 1–128 / 1–1024.
 */
export function readLegacyCreateRequest(body: JsonObject, maxTargets: number): LegacyCreateRequest {
  const appId = readString(body, 'appId', { max: 64 });
  const taskName = readString(body, 'taskName', { required: true, min: 1, max: 256 }) as string;
  readString(body, 'taskType', { required: true, oneOf: ['DeviceCmd'] });
  const timeout = readInteger(body, 'timeout', { required: true, min: 10, max: 2880 }) as number;
  const param = readObject(body, 'param', true) as JsonObject;
  const type = readString(
    param,
    'type',
    { required: true, oneOf: LEGACY_PARAM_TYPES },
    'param.type',
  ) as LegacyCreateRequest['param']['type'];
  switch (type) {
    case 'DeviceList':
      readStringArray(
        param,
        'deviceList',
        {
          required: true,
          minItems: 1,
          maxItems: maxTargets,
          item: { min: 1, max: 128, pattern: DEVICE_ID, patternText: 'letters, digits, _ and -' },
        },
        'param.deviceList',
      );
      break;
    case 'DeviceType':
      readString(param, 'deviceType', { required: true, min: 1, max: 256 }, 'param.deviceType');
      readString(param, 'manufacturerId', { min: 1, max: 256 }, 'param.manufacturerId');
      readString(param, 'model', { min: 1, max: 256 }, 'param.model');
      break;
    case 'DeviceArea':
      readString(param, 'deviceLocation', { required: true, min: 1, max: 256 }, 'param.deviceLocation');
      break;
    case 'GroupList':
    case 'GroupIdList':
      readStringArray(
        param,
        'groupList',
        { required: true, minItems: 1, maxItems: 1000, item: { min: 1, max: 256 } },
        'param.groupList',
      );
      break;
    case 'Broadcast':
      break;
  }
  const command = readObject(param, 'command', true, 'param.command') as JsonObject;
  readString(command, 'serviceId', { required: true, min: 1, max: 64 }, 'param.command.serviceId');
  readString(command, 'method', { required: true, min: 1, max: 128 }, 'param.command.method');
  readObject(command, 'paras', false, 'param.command.paras');
  readString(
    param,
    'callbackUrl',
    { max: 1024, pattern: /^https?:\/\//, patternText: 'an http(s) URL' },
    'param.callbackUrl',
  );
  readInteger(param, 'maxRetransmit', { min: 0, max: 3 }, 'param.maxRetransmit');
  readString(param, 'groupTag', { max: 256 }, 'param.groupTag');
  const tags = readTags(body);
  return {
    appId,
    taskName,
    taskType: 'DeviceCmd',
    timeout,
    param: param as LegacyCreateRequest['param'],
    tags,
  };
}

function readTags(body: JsonObject): { tagName: string; tagValue: string }[] {
  const value = body.tags;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputProblem('tags', 'must be an array of {tagName, tagValue}');
  return value.map((tag: unknown, index) => {
    if (typeof tag !== 'object' || tag === null || Array.isArray(tag)) {
      throw new InputProblem(`tags[${index}]`, 'must be an object {tagName, tagValue}');
    }
    const entry = tag as JsonObject;
    return {
      tagName: readString(
        entry,
        'tagName',
        { required: true, min: 1, max: 128 },
        `tags[${index}].tagName`,
      ) as string,
      tagValue: readString(
        entry,
        'tagValue',
        { required: true, min: 1, max: 1024 },
        `tags[${index}].tagValue`,
      ) as string,
    };
  });
}
