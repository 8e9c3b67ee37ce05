import {
  CampaignValidationError,
  type Campaign,
  type HttpRequestSpecV1,
  type NativeTarget,
  type TaskPlanV1,
  describeTaskNameProblem,
} from '@fleetcast/core';
import { legacyTaskNameRule } from './legacy-task-name-rule.js';
import {
  legacyBatchTaskPath,
  legacyTimeoutRange,
  type LegacyBatchTaskCreateIn,
  type LegacyDeviceCmdParam,
} from './legacy-api.js';
import type { LegacyTimeoutUnit } from './legacy-settings.js';

/** What {@link buildLegacyCreateRequest} needs from the adapter settings. */
export interface LegacyCreateOptions {
  timeoutUnit: LegacyTimeoutUnit;
  defaultTimeoutMinutes: number;
  /** The authorised application whose tasks are created, when the campaign's `policy.appId` names none. */
  authorizedAppId?: string;
}

/**
 * The `POST /iocm/app/batchtask/v1.1.0/tasks` request for one planned task: a `DeviceCmd` task whose
 * `param.type` follows the task's target. Pure; the token and `app_key` are added by the transport.
 */
export function buildLegacyCreateRequest(
  task: TaskPlanV1,
  campaign: Pick<Campaign, 'operation' | 'policy'>,
  options: LegacyCreateOptions,
): HttpRequestSpecV1 {
  const operation = campaign.operation;
  if (operation.type !== 'command') {
    throw new CampaignValidationError([
      {
        path: 'operation.type',
        code: 'unsupported_operation',
        message: `operation.type "${operation.type}" is not supported by adapter "legacy": it creates DeviceCmd tasks only (operation "command")`,
      },
    ]);
  }
  checkTask(task);
  const policy = campaign.policy ?? {};
  const appId = policy.appId ?? options.authorizedAppId;
  const selector =
    task.kind === 'explicit'
      ? { type: 'DeviceList' as const, deviceList: task.deviceIds }
      : nativeParam(task.target);
  const param: LegacyDeviceCmdParam = {
    ...selector,
    command: {
      serviceId: operation.serviceId,
      method: operation.commandName,
      ...(operation.paras === undefined ? {} : { paras: operation.paras }),
    },
    ...(policy.callbackUrl === undefined ? {} : { callbackUrl: policy.callbackUrl }),
    ...(policy.maxRetransmit === undefined ? {} : { maxRetransmit: policy.maxRetransmit }),
    ...(policy.groupTag === undefined ? {} : { groupTag: policy.groupTag }),
  };
  const body: LegacyBatchTaskCreateIn = {
    // Omitted for the caller's own app, as the SDK docs advise; set only for an authorized app's task.
    ...(appId === undefined ? {} : { appId }),
    taskName: task.name,
    taskType: 'DeviceCmd',
    timeout: timeoutValue(policy.timeout ?? options.defaultTimeoutMinutes, options.timeoutUnit),
    param,
    ...(policy.tags === undefined
      ? {}
      : { tags: policy.tags.map((tag) => ({ tagName: tag.name, tagValue: tag.value })) }),
  };
  return {
    method: 'POST',
    path: `${legacyBatchTaskPath}/tasks`,
    headers: { 'Content-Type': 'application/json' },
    body,
  };
}

/** Most device IDs fleetcast puts in one `deviceList` (the platform documents none; both platforms use 30,000). */
export const legacyMaxTargets = 30_000;

function checkTask(task: TaskPlanV1): void {
  const problem = describeTaskNameProblem(task.name, legacyTaskNameRule);
  if (problem !== undefined) {
    throw new CampaignValidationError([
      {
        path: 'task.name',
        code: 'invalid_task_name',
        message: `task.name ${problem}; legacy allows ${legacyTaskNameRule.description}, at most ${legacyTaskNameRule.maxLength} characters`,
      },
    ]);
  }
  if (task.kind === 'explicit' && (task.deviceIds.length === 0 || task.deviceIds.length > legacyMaxTargets)) {
    throw new CampaignValidationError([
      {
        path: 'task.deviceIds',
        code: 'out_of_range',
        message: `task.deviceIds must hold 1–${legacyMaxTargets} device IDs on legacy, got ${task.deviceIds.length}`,
      },
    ]);
  }
}

type SelectorParam = Omit<LegacyDeviceCmdParam, 'command' | 'callbackUrl' | 'maxRetransmit' | 'groupTag'>;

function nativeParam(target: NativeTarget): SelectorParam {
  switch (target.type) {
    case 'DeviceType':
      return {
        type: 'DeviceType',
        deviceType: target.deviceType,
        ...(target.manufacturerId === undefined ? {} : { manufacturerId: target.manufacturerId }),
        ...(target.model === undefined ? {} : { model: target.model }),
      };
    case 'DeviceArea':
      return { type: 'DeviceArea', deviceLocation: target.location };
    case 'GroupList':
      return { type: 'GroupList', groupList: target.groupNames };
    case 'GroupIdList':
      return { type: 'GroupIdList', groupList: target.groupIds };
    // The legacy platform has no filter object; a group-ID filter is exactly a GroupIdList.
    case 'Filter':
      return { type: 'GroupIdList', groupList: target.groupIds };
    case 'Broadcast':
      return { type: 'Broadcast' };
  }
}

function timeoutValue(minutes: number, unit: LegacyTimeoutUnit): number {
  const value = unit === 'minutes' ? minutes : minutes * 60;
  if (!Number.isInteger(value) || value < legacyTimeoutRange.min || value > legacyTimeoutRange.max) {
    const limit =
      unit === 'minutes'
        ? `${legacyTimeoutRange.min}–${legacyTimeoutRange.max} minutes`
        : `${legacyTimeoutRange.min}–${legacyTimeoutRange.max} seconds once converted (timeoutUnit "seconds"), i.e. at most ${legacyTimeoutRange.max / 60} minutes`;
    throw new CampaignValidationError([
      {
        path: 'policy.timeout',
        code: 'out_of_range',
        message: `policy.timeout must be a whole number of minutes that gives ${limit}; got ${minutes}`,
      },
    ]);
  }
  return value;
}
