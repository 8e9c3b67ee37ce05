import {
  AdapterArgumentError,
  type AppIdRuleV1,
  type AdapterCapabilitiesV1,
  type AdapterV1,
  PlatformError,
  type SubtaskPageV1,
} from '@fleetcast/core';
import type { HttpResponse } from '@fleetcast/core/adapter-kit';
import { legacyTaskNameRule } from './legacy-task-name-rule.js';
import {
  type LegacyBatchTaskCreateOut,
  type LegacyQueryOneTaskOut,
  type LegacyTaskDetailsOut,
  legacyBatchTaskPath,
  legacyMaxPageSize,
} from './legacy-api.js';
import { buildLegacyCreateRequest, legacyMaxTargets } from './legacy-create-request.js';
import { createLegacyClient } from './legacy-client.js';
import { legacyDirectory } from './legacy-directory.js';
import type { LegacyAdapterSettings } from './legacy-settings.js';
import { normalizeLegacySubtask, normalizeLegacyTask } from './legacy-task-status.js';

/** A legacy adapter; `close` releases its kept-alive connections. */
export interface LegacyAdapter extends AdapterV1 {
  close(): Promise<void>;
}

/**
 * An adapter for the legacy OceanConnect batch-task API: `DeviceCmd` tasks for every native selector,
 * a cached login token renewed once on 401/1010005, and per-mille status counters normalized.
 * The platform cannot list tasks, so it cannot find one by name: the runner relies on 105002
 * (`nameExists`) to detect a create that already happened.
 *
 * @example
 * const adapter = createLegacyAdapter({ endpoint: 'https://iot.example.com:8743', appId, secret, tls: { ca, cert, key } });
 */
export function createLegacyAdapter(settings: LegacyAdapterSettings): LegacyAdapter {
  if (typeof settings.appId !== 'string' || settings.appId === '') {
    throw new AdapterArgumentError('appId', 'createLegacyAdapter needs a non-empty appId');
  }
  const maxUnfinishedTasks = settings.maxUnfinishedTasks ?? 'unknown';
  if (settings.authorizedAppId !== undefined && !legacyAppIdRule.pattern.test(settings.authorizedAppId)) {
    throw new AdapterArgumentError(
      'authorizedAppId',
      `authorizedAppId must be ${legacyAppIdRule.description}`,
    );
  }
  const createOptions = {
    timeoutUnit: settings.timeoutUnit ?? 'minutes',
    defaultTimeoutMinutes: settings.defaultTimeoutMinutes ?? 30,
    ...(settings.authorizedAppId === undefined ? {} : { authorizedAppId: settings.authorizedAppId }),
  } as const;
  // Per created task: the authorised app it belongs to, and whether it has tags to ask for.
  const taskAppIds = new Map<string, string>();
  const taggedTasks = new Set<string>();
  /** `appId` (authorised app) and `select` query parameters of a task's query calls. */
  const taskQuery = (taskId: string, withTags: boolean): Record<string, string> => {
    const appId = taskAppIds.get(taskId) ?? settings.authorizedAppId;
    return {
      ...(appId === undefined ? {} : { appId }),
      ...(withTags && taggedTasks.has(taskId) ? { select: settings.tagsSelectValue ?? 'tags' } : {}),
    };
  };
  const client = createLegacyClient(settings);
  const { call } = client;
  const directory = legacyDirectory(settings);

  const capabilities: AdapterCapabilitiesV1 = {
    nativeSelectors: ['DeviceType', 'DeviceArea', 'GroupList', 'GroupIdList', 'Broadcast', 'Filter'],
    supportedOperations: ['command'],
    maxTargetsPerTask: legacyMaxTargets,
    taskNameRule: legacyTaskNameRule,
    rateLimitPerMinute: settings.rateLimitPerMinute ?? 100,
    maxUnfinishedTasks,
    rejectsDuplicateNames: true,
    // The legacy API documents no stop and no retry call.
    taskActions: { stop: [], retry: [] },
    appIdRule: legacyAppIdRule,
  };

  return {
    specificationVersion: 'v1',
    name: 'legacy',
    capabilities,
    // The application the platform's rate limit counts: endpoint and app ID; never the secret.
    ...(settings.shareBudget === false
      ? {}
      : { applicationKey: `legacy ${client.endpoint} app ${settings.appId}` }),
    buildCreateRequest: (task, campaign) => buildLegacyCreateRequest(task, campaign, createOptions),

    async doCreateTask({ task, operation, policy, ...options }) {
      const response = await call(
        buildLegacyCreateRequest(task, { operation, policy }, createOptions),
        'create task',
        options,
      );
      const taskId = (response.body as Partial<LegacyBatchTaskCreateOut> | undefined)?.taskID;
      if (typeof taskId !== 'string' || taskId === '') throw malformed('create task', response, 'taskID');
      const appId = policy?.appId ?? settings.authorizedAppId;
      if (appId !== undefined) taskAppIds.set(taskId, appId);
      if ((policy?.tags?.length ?? 0) > 0) taggedTasks.add(taskId);
      return { taskId };
    },

    async doGetTask({ taskId, ...options }) {
      checkTaskId(taskId);
      const query = new URLSearchParams(taskQuery(taskId, true));
      const suffix = query.size > 0 ? `?${query}` : '';
      const response = await call(
        {
          method: 'GET',
          path: `${legacyBatchTaskPath}/tasks/${encodeURIComponent(taskId)}${suffix}`,
          headers: {},
        },
        'query task',
        options,
      );
      const body = response.body as LegacyQueryOneTaskOut | undefined;
      if (typeof body?.status !== 'string') throw malformed('query task', response, 'status');
      return normalizeLegacyTask({ ...body, taskId: body.taskId ?? taskId });
    },

    async doListTaskDevices({ taskId, cursor, pageSize: size, ...options }): Promise<SubtaskPageV1> {
      checkTaskId(taskId);
      const pageSize = size ?? 100;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > legacyMaxPageSize) {
        throw new AdapterArgumentError(
          'pageSize',
          `pageSize must be 1–${legacyMaxPageSize}, got ${pageSize}`,
        );
      }
      const pageNo = cursor === undefined ? 0 : Number(cursor);
      if (!Number.isInteger(pageNo) || pageNo < 0) {
        throw new AdapterArgumentError('cursor', 'cursor must be a value returned as nextCursor');
      }
      const query = new URLSearchParams({
        ...taskQuery(taskId, false),
        taskId,
        pageNo: String(pageNo),
        pageSize: String(pageSize),
      });
      const response = await call(
        { method: 'GET', path: `${legacyBatchTaskPath}/taskDetails?${query}`, headers: {} },
        'query subtasks',
        options,
      );
      const body = response.body as Partial<LegacyTaskDetailsOut> | undefined;
      if (!Array.isArray(body?.taskDetails)) throw malformed('query subtasks', response, 'taskDetails');
      const items = body.taskDetails.map(normalizeLegacySubtask);
      const seen = pageNo * pageSize + items.length;
      const more = items.length > 0 && seen < (body.totalCount ?? 0);
      return { items, ...(more ? { nextCursor: String(pageNo + 1) } : {}) };
    },

    ...(directory === undefined ? {} : { doOpenDirectory: () => directory }),

    close: () => client.close(),
  };
}

/** Legacy `appId`: String(64) in the create and query documents (not the v5 36-character rule). */
export const legacyAppIdRule: AppIdRuleV1 = {
  pattern: /^[^\s]{1,64}$/u,
  description: 'at most 64 characters without spaces (legacy String(64))',
};

function checkTaskId(taskId: string): void {
  if (typeof taskId !== 'string' || taskId === '') {
    throw new AdapterArgumentError('taskId', 'taskId must be a non-empty string');
  }
}

function malformed(operation: string, response: HttpResponse, field: string): PlatformError {
  return new PlatformError({
    kind: 'server',
    message: `legacy: ${operation} answered HTTP ${response.status} without the expected field "${field}"`,
    httpStatus: response.status,
    adapter: 'legacy',
  });
}
