import {
  AdapterArgumentError,
  type AdapterCapabilitiesV1,
  type AdapterV1,
  type BatchActionResultV1,
  type CallMeterV1,
  type CallOptionsV1,
  CampaignValidationError,
  type DeviceDirectory,
  type DirectoryOptionsV1,
  operationTypes,
  PlatformError,
  type SubtaskPageV1,
  type Operation,
  type TaskPlanV1,
  type TaskStatusV1,
  type StopTaskOptionsV1,
  type RetryTaskOptionsV1,
} from '@fleetcast/core';
import { v5TaskNameRule } from './v5-task-name-rule.js';
import {
  type V5BatchTargetsResponse,
  type V5ListBatchTasksResponse,
  type V5ShowBatchTaskResponse,
  type V5Task,
  type V5TaskState,
  v5MaxActionTargets,
  v5MaxPageSize,
  v5MaxTargets,
} from './v5-api.js';
import { buildV5CreateRequest, v5TaskTypes } from './v5-create-request.js';
import { createV5Client } from './v5-client.js';
import { createV5Directory } from './v5-directory.js';
import { findV5GroupId } from './v5-find-group-id.js';
import { v5Pages } from './v5-pages.js';
import type { V5AdapterSettings } from './v5-settings.js';
import { normalizeV5Subtask, normalizeV5Task } from './v5-task-status.js';

/** Outcome of a stop or retry: the targets the platform refused, with its reasons. */
export type V5BatchActionResult = BatchActionResultV1;

/** What {@link V5Adapter.listTasks} lists: one `task_type` (the list API takes exactly one). */
export interface V5ListTasksQuery {
  /** The fleetcast operation whose `task_type` to list (`firmwareUpgrade`, `command` → `createCommands`, …). */
  operation: Operation['type'];
  /** The list API's `status` filter. */
  status?: V5TaskState;
  /** Resource space (`app_id`); default the adapter's `appId`; none lists every space. */
  appId?: string;
  /** Keeps only tasks whose `task_name` starts with this (a campaign's task names share its name). */
  namePrefix?: string;
}

/** A v5 adapter; `close` releases its kept-alive connections. */
export interface V5Adapter extends AdapterV1 {
  /**
   * The platform's tasks of one type, newest first, one page (≤ 50) at a time, paged by marker past the
   * 500-offset cap; `status` and `namePrefix` narrow it. The first page is the call the caller budgeted,
   * every further page draws a `page` slot from `options.meter`.
   */
  listTasks(query: V5ListTasksQuery, options?: CallOptionsV1): AsyncGenerator<TaskStatusV1[]>;
  doStopTask(options: StopTaskOptionsV1): Promise<V5BatchActionResult>;
  doRetryTask(options: RetryTaskOptionsV1): Promise<V5BatchActionResult>;
  /** Always present on v5: the device list API (or `settings.directory`). */
  doOpenDirectory(options: DirectoryOptionsV1): DeviceDirectory;
  close(): Promise<void>;
}

/**
 * An adapter for IoTDA v5 batch tasks: every operation, `targets` (≤ 30,000) or `targets_filter.group_ids`,
 * group names resolved through the group API, find-by-name through the list API (paged by marker),
 * stop/retry in batches of 100, and a directory over the device list API for expanded selectors.
 *
 * @example
 * const adapter = createV5Adapter({ endpoint: 'https://iotda.cn-north-4.myhuaweicloud.com', projectId, token: () => iamToken() });
 */
export function createV5Adapter(settings: V5AdapterSettings): V5Adapter {
  for (const field of ['projectId', 'endpoint'] as const) {
    if (typeof settings[field] !== 'string' || settings[field] === '') {
      throw new AdapterArgumentError(field, `createV5Adapter needs a non-empty ${field}`);
    }
  }
  // Checked here, before any call: the platform would refuse every call of a run with a bad value.
  if (settings.instanceId !== undefined && !/^.{1,36}$/su.test(settings.instanceId)) {
    throw new AdapterArgumentError(
      'instanceId',
      `instanceId must be 1–36 characters (the Instance-Id header), got ${settings.instanceId.length}`,
    );
  }
  if (settings.appId !== undefined && !/^[A-Za-z0-9_-]{1,36}$/.test(settings.appId)) {
    throw new AdapterArgumentError(
      'appId',
      `appId must be at most 36 of letters, digits, _ and - (a v5 resource space app_id), got ${JSON.stringify(settings.appId.slice(0, 40))}`,
    );
  }
  const client = createV5Client(settings);
  const taskNameRule = settings.taskNameRule ?? v5TaskNameRule;
  const groupIdsByName = new Map(Object.entries(settings.groupIds ?? {}));
  const createOptions = () => ({
    projectId: settings.projectId,
    ...(settings.instanceId === undefined ? {} : { instanceId: settings.instanceId }),
    ...(settings.appId === undefined ? {} : { appId: settings.appId }),
    upgradePackageKey: settings.upgradePackageKey ?? 'package_ids',
    taskNameRule,
    groupIdsByName,
  });

  async function resolveGroupNames(
    task: TaskPlanV1,
    appId: string | undefined,
    signal?: AbortSignal,
    meter?: CallMeterV1,
  ): Promise<void> {
    if (task.kind !== 'native' || task.target.type !== 'GroupList') return;
    const unknown: string[] = [];
    for (const name of task.target.groupNames) {
      if (groupIdsByName.has(name)) continue;
      const groupId = await findV5GroupId(client, name, {
        ...(appId === undefined ? {} : { appId }),
        ...(signal ? { signal } : {}),
        meter,
      });
      if (groupId !== undefined) groupIdsByName.set(name, groupId);
      else unknown.push(name);
    }
    if (unknown.length > 0) {
      throw new CampaignValidationError(
        unknown.map((name) => ({
          path: 'target.groupNames',
          code: 'unknown_group',
          message: `target.groupNames: no device group named ${JSON.stringify(name)} exists on the platform`,
        })),
      );
    }
  }

  async function batchAction(
    action: 'stop' | 'retry',
    taskId: string,
    deviceIds: readonly string[] | undefined,
    signal?: AbortSignal,
    meter?: CallMeterV1,
  ): Promise<V5BatchActionResult> {
    checkTaskId(taskId);
    const path = `${client.projectPath}/batchtasks/${encodeURIComponent(taskId)}/${action}`;
    const chunks: (readonly string[] | undefined)[] = [];
    if (deviceIds === undefined) chunks.push(undefined);
    else
      for (let start = 0; start < deviceIds.length; start += v5MaxActionTargets)
        chunks.push(deviceIds.slice(start, start + v5MaxActionTargets));
    const failures: V5BatchActionResult['failures'] = [];
    for (const [position, chunk] of chunks.entries()) {
      const response = await client.call(
        {
          method: 'POST',
          path,
          headers: { 'Content-Type': 'application/json' },
          body: chunk === undefined ? {} : { targets: chunk },
        },
        `${action} task`,
        signal,
        // The engine budgeted one request; every further batch of 100 is one more.
        { meter, ...(position > 0 ? { kind: 'page' as const } : {}) },
      );
      for (const result of (response.body as V5BatchTargetsResponse | undefined)?.targets ?? []) {
        if (result.status === 'failure') {
          failures.push({
            deviceId: result.target,
            code: result.error_code ?? '',
            message: result.error_msg ?? '',
          });
        }
      }
    }
    return { failures };
  }

  /** `GET /batchtasks` of one task_type (and status), newest first, paged by marker. */
  function taskPages(
    query: { operation: Operation['type']; status?: V5TaskState; appId?: string },
    options?: CallOptionsV1,
  ): AsyncGenerator<V5Task[]> {
    return v5Pages<V5Task>(
      async ({ marker, limit }) => {
        const body = await client.get<V5ListBatchTasksResponse>(
          '/batchtasks',
          {
            task_type: v5TaskTypes[query.operation],
            status: query.status,
            app_id: query.appId,
            limit,
            marker,
          },
          'list tasks',
          options?.signal,
          // The engine budgeted the first page; each further one is one more request.
          { meter: options?.meter, ...(marker === undefined ? {} : { kind: 'page' as const }) },
        );
        return { items: body.batchtasks ?? [], ...(body.page ? { page: body.page } : {}) };
      },
      { limit: v5MaxPageSize, idOf: (task) => task.task_id },
    );
  }

  const capabilities: AdapterCapabilitiesV1 = {
    nativeSelectors: ['GroupIdList', 'Filter', 'GroupList'],
    supportedOperations: operationTypes,
    maxTargetsPerTask: v5MaxTargets,
    taskNameRule,
    rateLimitPerMinute: settings.rateLimitPerMinute ?? 100,
    maxUnfinishedTasks: settings.maxUnfinishedTasks ?? 'unknown',
    rejectsDuplicateNames: false,
    // Reference B4: stop and retry are for upgrade tasks only.
    taskActions: {
      stop: ['firmwareUpgrade', 'softwareUpgrade'],
      retry: ['firmwareUpgrade', 'softwareUpgrade'],
    },
  };

  return {
    specificationVersion: 'v1',
    name: 'v5',
    capabilities,
    // The application the platform's rate limit counts: endpoint, project and instance; never a credential.
    ...(settings.shareBudget === false
      ? {}
      : {
          applicationKey: `v5 ${client.endpoint} project ${settings.projectId}${settings.instanceId ? ` instance ${settings.instanceId}` : ''}`,
        }),
    buildCreateRequest: (task, campaign) => buildV5CreateRequest(task, campaign, createOptions()),

    async doCreateTask({ task, operation, policy, signal, meter }) {
      await resolveGroupNames(task, policy?.appId ?? settings.appId, signal, meter);
      const response = await client.call(
        buildV5CreateRequest(task, { operation, policy }, createOptions()),
        'create task',
        signal,
        { meter },
        // The 201 answer echoes the task's targets; only task_id is read.
        'targets',
      );
      const taskId = (response.body as Partial<V5Task> | undefined)?.task_id;
      if (typeof taskId !== 'string' || taskId === '') {
        throw new PlatformError({
          kind: 'server',
          message: `v5: create task answered HTTP ${response.status} without task_id`,
          httpStatus: response.status,
          adapter: 'v5',
        });
      }
      return { taskId };
    },

    async doGetTask({ taskId, signal, meter }) {
      checkTaskId(taskId);
      const body = await client.get<V5ShowBatchTaskResponse>(
        `/batchtasks/${encodeURIComponent(taskId)}`,
        { limit: 1 },
        'show task',
        signal,
        { meter },
        // The answer echoes up to 30,000 target IDs (about 1 MB) that a status never uses: not decoded.
        'targets',
      );
      if (typeof body.batchtask?.status !== 'string') {
        throw new PlatformError({
          kind: 'server',
          message: 'v5: show task answered without batchtask.status',
          adapter: 'v5',
        });
      }
      return normalizeV5Task(body.batchtask);
    },

    async doFindTaskByName({ name, operation, policy, signal, meter }) {
      const appId = policy?.appId ?? settings.appId;
      const pages = taskPages(
        { operation: operation.type, ...(appId === undefined ? {} : { appId }) },
        { signal, meter },
      );
      // Newest first: the first match is the most recent task with that name.
      for await (const page of pages) {
        const match = page.find((task) => task.task_name === name);
        if (match) return { taskId: match.task_id };
      }
      return undefined;
    },

    async *listTasks(query, options) {
      if (!Object.hasOwn(v5TaskTypes, query.operation)) {
        throw new AdapterArgumentError(
          'operation',
          `operation must be a fleetcast operation type (${Object.keys(v5TaskTypes).join(', ')}), got ${JSON.stringify(query.operation)}`,
        );
      }
      const appId = query.appId ?? settings.appId;
      for await (const page of taskPages({ ...query, ...(appId === undefined ? {} : { appId }) }, options)) {
        const kept = page.filter(
          (task) => query.namePrefix === undefined || (task.task_name ?? '').startsWith(query.namePrefix),
        );
        if (kept.length > 0) yield kept.map(normalizeV5Task);
      }
    },

    async doListTaskDevices({ taskId, signal, meter, ...page }): Promise<SubtaskPageV1> {
      checkTaskId(taskId);
      const limit = page.pageSize ?? v5MaxPageSize;
      if (!Number.isInteger(limit) || limit < 1 || limit > v5MaxPageSize) {
        throw new AdapterArgumentError('pageSize', `pageSize must be 1–${v5MaxPageSize} on v5, got ${limit}`);
      }
      // The cursor is `<marker>~<subtasks seen>`: with the answer's `page.count` (every matching subtask)
      // the last page is known as such, so a full last page is not followed by an empty one.
      const [marker, seenText] = page.cursor === undefined ? [undefined, '0'] : page.cursor.split('~');
      const seenBefore = Number(seenText ?? 0);
      const body = await client.get<V5ShowBatchTaskResponse>(
        `/batchtasks/${encodeURIComponent(taskId)}`,
        { limit, marker },
        'show task details',
        signal,
        { meter },
      );
      const details = body.task_details ?? [];
      const next = body.page?.marker;
      const seen = (Number.isFinite(seenBefore) ? seenBefore : 0) + details.length;
      const count = body.page?.count;
      const more =
        details.length === limit &&
        next !== undefined &&
        next !== marker &&
        (typeof count !== 'number' || seen < count);
      return { items: details.map(normalizeV5Subtask), ...(more ? { nextCursor: `${next}~${seen}` } : {}) };
    },

    doStopTask: ({ taskId, deviceIds, signal, meter }) =>
      batchAction('stop', taskId, deviceIds, signal, meter),
    doRetryTask: ({ taskId, deviceIds, signal, meter }) =>
      batchAction('retry', taskId, deviceIds, signal, meter),

    doOpenDirectory(options) {
      // A directory given in the settings makes no platform calls: nothing to meter.
      if (settings.directory !== undefined) return settings.directory;
      // A fresh directory per caller, drawing from the caller's meter.
      return createV5Directory(client, {
        ...(settings.appId === undefined ? {} : { appId: settings.appId }),
        ...options,
      });
    },

    close: () => client.close(),
  };
}

function checkTaskId(taskId: string): void {
  if (typeof taskId !== 'string' || taskId === '') {
    throw new AdapterArgumentError('taskId', 'taskId must be a non-empty string');
  }
}
