import {
  AdapterArgumentError,
  type Campaign,
  CampaignValidationError,
  type HttpRequestSpecV1,
  type Operation,
  type TaskNameRuleV1,
  type TaskPlanV1,
  describeTaskNameProblem,
} from '@fleetcast/core';
import { v5TaskNameRule } from './v5-task-name-rule.js';
import { type V5CreateBatchTask, type V5TaskPolicy, type V5TaskType, v5MaxTargets } from './v5-api.js';

/** What {@link buildV5CreateRequest} needs besides the task. */
export interface V5CreateOptions {
  projectId: string;
  instanceId?: string;
  appId?: string;
  upgradePackageKey: 'package_ids' | 'package_id';
  /** Default `v5TaskNameRule`. */
  taskNameRule?: TaskNameRuleV1;
  /** Group IDs by name, for `GroupList` targets (filled by the group API before a create). */
  groupIdsByName: ReadonlyMap<string, string>;
}

/** The v5 `task_type` of each fleetcast operation. */
export const v5TaskTypes: Readonly<Record<Operation['type'], V5TaskType>> = {
  command: 'createCommands',
  asyncCommand: 'createAsyncCommands',
  message: 'createMessages',
  shadowUpdate: 'updateDeviceShadows',
  firmwareUpgrade: 'firmwareUpgrade',
  softwareUpgrade: 'softwareUpgrade',
  deleteDevices: 'deleteDevices',
  freezeDevices: 'freezeDevices',
  unfreezeDevices: 'unfreezeDevices',
};

/**
 * The `POST /v5/iot/{project_id}/batchtasks` request for one planned task. Pure: `X-Auth-Token` is
 * added by the transport. Sends exactly one target source (`targets` or `targets_filter`).
 */
export function buildV5CreateRequest(
  task: TaskPlanV1,
  campaign: Pick<Campaign, 'operation' | 'policy'>,
  options: V5CreateOptions,
): HttpRequestSpecV1 {
  checkTaskName(task.name, options.taskNameRule ?? v5TaskNameRule);
  const policy = campaign.policy ?? {};
  const appId = policy.appId ?? options.appId;
  const document = v5Document(campaign.operation, options.upgradePackageKey);
  const taskPolicy: V5TaskPolicy = {
    ...(policy.scheduleTime === undefined ? {} : { schedule_time: policy.scheduleTime }),
    ...(policy.retryCount === undefined ? {} : { retry_count: policy.retryCount }),
    ...(policy.retryInterval === undefined ? {} : { retry_interval: policy.retryInterval }),
  };
  const body: V5CreateBatchTask = {
    ...(appId === undefined ? {} : { app_id: appId }),
    task_name: task.name,
    task_type: v5TaskTypes[campaign.operation.type],
    ...v5Targets(task, options.groupIdsByName),
    ...(document === undefined ? {} : { document }),
    ...(Object.keys(taskPolicy).length === 0 ? {} : { task_policy: taskPolicy }),
  };
  return {
    method: 'POST',
    path: `/v5/iot/${encodeURIComponent(options.projectId)}/batchtasks`,
    headers: {
      'Content-Type': 'application/json',
      ...(options.instanceId === undefined ? {} : { 'Instance-Id': options.instanceId }),
    },
    body,
  };
}

function v5Targets(
  task: TaskPlanV1,
  groupIdsByName: ReadonlyMap<string, string>,
): Pick<V5CreateBatchTask, 'targets' | 'targets_filter'> {
  if (task.kind === 'explicit') {
    if (task.deviceIds.length === 0 || task.deviceIds.length > v5MaxTargets) {
      throw new CampaignValidationError([
        {
          path: 'task.deviceIds',
          code: 'out_of_range',
          message: `task.deviceIds must hold 1–${v5MaxTargets} device IDs on v5, got ${task.deviceIds.length}`,
        },
      ]);
    }
    return { targets: task.deviceIds };
  }
  const target = task.target;
  switch (target.type) {
    case 'GroupIdList':
    case 'Filter':
      return { targets_filter: { group_ids: target.groupIds } };
    case 'GroupList': {
      const ids = target.groupNames.map((name) => groupIdsByName.get(name));
      const missing = target.groupNames.filter((_, index) => ids[index] === undefined);
      if (missing.length > 0) {
        throw new AdapterArgumentError(
          'target.groupNames',
          `v5 selects groups by ID: the group name(s) ${missing.map((name) => JSON.stringify(name)).join(', ')} are not resolved yet (doCreateTask resolves them through the group API; or pass settings.groupIds)`,
        );
      }
      return { targets_filter: { group_ids: ids as string[] } };
    }
    default:
      throw new CampaignValidationError([
        {
          path: 'target.type',
          code: 'not_native',
          message: `target.type "${target.type}" is not native on adapter "v5": the planner must expand it to device IDs through a directory`,
        },
      ]);
  }
}

function v5Document(
  operation: Operation,
  packageKey: 'package_ids' | 'package_id',
): Record<string, unknown> | undefined {
  switch (operation.type) {
    case 'command':
      return withDefined({
        service_id: operation.serviceId,
        command_name: operation.commandName,
        // The command APIs require `paras`; an empty object means "no parameters".
        paras: operation.paras ?? {},
      });
    case 'asyncCommand':
      return withDefined({
        service_id: operation.serviceId,
        command_name: operation.commandName,
        // The command APIs require `paras`; an empty object means "no parameters".
        paras: operation.paras ?? {},
        expire_time: operation.expireTime,
        send_strategy: operation.sendStrategy,
      });
    case 'message':
      return withDefined({
        message_id: operation.messageId,
        name: operation.name,
        message: operation.message,
        encoding: operation.encoding,
        payload_format: operation.payloadFormat,
        topic: operation.topic,
        topic_full_name: operation.topicFullName,
      });
    case 'shadowUpdate':
      return {
        shadow: operation.shadow.map((entry) => ({ service_id: entry.serviceId, desired: entry.desired })),
      };
    case 'firmwareUpgrade':
    case 'softwareUpgrade':
      if (packageKey === 'package_id') {
        if (operation.packageIds.length !== 1) {
          throw new CampaignValidationError([
            {
              path: 'operation.packageIds',
              code: 'out_of_range',
              message: `operation.packageIds must hold exactly 1 ID when upgradePackageKey is "package_id", got ${operation.packageIds.length}`,
            },
          ]);
        }
        return { package_id: operation.packageIds[0] };
      }
      return { package_ids: operation.packageIds };
    case 'deleteDevices':
    case 'freezeDevices':
    case 'unfreezeDevices':
      return undefined;
  }
}

function withDefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function checkTaskName(name: string, rule: TaskNameRuleV1): void {
  const problem = describeTaskNameProblem(name, rule);
  if (problem !== undefined) {
    throw new CampaignValidationError([
      {
        path: 'task.name',
        code: 'invalid_task_name',
        message: `task.name ${problem}; v5 allows ${rule.description}, at most ${rule.maxLength} characters`,
      },
    ]);
  }
}
