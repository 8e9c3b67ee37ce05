import { headerValue } from '../http/header-value.js';
import { HttpReply } from '../http/http-reply.js';
import { InputProblem, parseJsonObject } from '../http/input-problem.js';
import { readQueryChoice, readQueryInteger } from '../http/query-params.js';
import type { HttpExchange, Route } from '../http/route.js';
import type { SimulatorContext } from '../simulator-context.js';
import { createSimTask, type SimTask } from '../tasks/sim-task.js';
import { inFlightIndexes } from '../tasks/task-lifecycle.js';
import { readLegacyCreateRequest } from './legacy-create-request.js';
import { LEGACY_ERRORS, legacyError } from './legacy-errors.js';
import { resolveLegacyTargets } from './legacy-targets.js';
import {
  LEGACY_SUBTASK_STATUSES,
  legacySubtaskStatus,
  legacySubtaskView,
  legacyTaskView,
} from './legacy-views.js';

/** Refresh tokens outlive access tokens; the reference gives no figure, so one of 30 days is used. */
const REFRESH_LIFETIME_MS = 30 * 86_400_000;

/** The legacy OceanConnect northbound routes (reference section A). */
export function legacyRoutes(ctx: SimulatorContext): Route[] {
  return [
    {
      name: 'legacy.login',
      api: 'legacy',
      method: 'POST',
      pattern: /^\/iocm\/app\/sec\/v1\.1\.0\/login$/,
      handle: (ex) => login(ctx, ex),
    },
    {
      name: 'legacy.refreshToken',
      api: 'legacy',
      method: 'POST',
      pattern: /^\/iocm\/app\/sec\/v1\.1\.0\/refreshToken$/,
      handle: (ex) => refresh(ctx, ex),
    },
    {
      name: 'legacy.createTask',
      api: 'legacy',
      method: 'POST',
      pattern: /^\/iocm\/app\/batchtask\/v1\.1\.0\/tasks$/,
      handle: (ex) => createTask(ctx, ex),
    },
    {
      name: 'legacy.getTask',
      api: 'legacy',
      method: 'GET',
      pattern: /^\/iocm\/app\/batchtask\/v1\.1\.0\/tasks\/([^/]+)$/,
      handle: (ex) => getTask(ctx, ex),
    },
    {
      name: 'legacy.taskDetails',
      api: 'legacy',
      method: 'GET',
      pattern: /^\/iocm\/app\/batchtask\/v1\.1\.0\/taskDetails$/,
      handle: (ex) => taskDetails(ctx, ex),
    },
  ];
}

function issuePair(ctx: SimulatorContext, appId: string): HttpReply {
  const now = ctx.clock.now();
  const lifetime = ctx.settings().tokenLifetimeMs.legacy;
  const access = ctx.tokens.issue(appId, now, lifetime);
  // Refresh tokens live in the same store under their own subject, so they never pass as access tokens.
  const refreshToken = ctx.tokens.issue(`refresh:${appId}`, now, REFRESH_LIFETIME_MS).token;
  return new HttpReply(200, {
    scope: 'default',
    tokenType: 'bearer',
    expiresIn: Math.floor(lifetime / 1000),
    accessToken: access.token,
    refreshToken,
  });
}

function checkAppSecret(ctx: SimulatorContext, appId: string | undefined, secret: string | undefined): void {
  if (appId === undefined || appId === '' || secret === undefined || secret === '') {
    throw legacyError(LEGACY_ERRORS.illegalRequest, 'appId and secret are required.');
  }
  const { legacy } = ctx.credentials;
  if (appId !== legacy.appId || secret !== legacy.secret) {
    // Never echo the secret: the message names the fields only.
    throw new HttpReply(401, { error_code: '100208', error_desc: 'AppId or secret is not right.' });
  }
  if (!ctx.limiter.admit(`legacy:${appId}`, ctx.clock.now())) throw legacyError(LEGACY_ERRORS.throttled);
}

function login(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  const form = new URLSearchParams(ex.body?.toString('utf8') ?? '');
  const appId = form.get('appId') ?? undefined;
  checkAppSecret(ctx, appId, form.get('secret') ?? undefined);
  return issuePair(ctx, appId as string);
}

function refresh(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  const body = withInvalidInput(() => parseJsonObject(ex.body), LEGACY_ERRORS.queryInvalidInput);
  const appId = typeof body.appId === 'string' ? body.appId : undefined;
  checkAppSecret(ctx, appId, typeof body.secret === 'string' ? body.secret : undefined);
  const token = typeof body.refreshToken === 'string' ? body.refreshToken : '';
  const check = ctx.tokens.check(token, ctx.clock.now());
  if (!check.ok || check.subject !== `refresh:${appId}`) {
    throw legacyError(LEGACY_ERRORS.invalidToken, 'refreshToken is invalid or expired.');
  }
  ctx.tokens.revoke(token);
  return issuePair(ctx, appId as string);
}

/** Checks `app_key` + `Authorization: Bearer`, then flow control; answers 403 1010005 / 1010009. */
function authorize(ctx: SimulatorContext, ex: HttpExchange): string {
  const appKey = headerValue(ex, 'app_key');
  const authorization = headerValue(ex, 'authorization') ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
  const now = ctx.clock.now();
  if (appKey !== undefined && appKey !== ctx.credentials.legacy.appId)
    throw legacyError(LEGACY_ERRORS.appNotExist);
  const check = ctx.tokens.check(token, now);
  if (appKey === undefined || !check.ok || check.subject !== appKey)
    throw legacyError(LEGACY_ERRORS.invalidToken);
  if (!ctx.limiter.admit(`legacy:${appKey}`, now)) throw legacyError(LEGACY_ERRORS.throttled);
  return appKey;
}

function createTask(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  const appId = authorize(ctx, ex);
  const settings = ctx.settings();
  const body = withInvalidInput(() => parseJsonObject(ex.body), LEGACY_ERRORS.invalidInput);
  const request = withInvalidInput(
    () => readLegacyCreateRequest(body, settings.maxTargets),
    LEGACY_ERRORS.invalidInput,
  );
  // The caller's own app (appId empty or its own), or the one app that authorised it.
  const owner = taskOwner(ctx, appId, request.appId || undefined);
  if (owner === undefined) {
    throw legacyError(
      LEGACY_ERRORS.appNotAuthorized,
      'appId must be empty, the caller’s own app or an app that authorised it.',
    );
  }
  const tasks = ctx.store.all().filter((task) => task.api === 'legacy' && task.appId === owner);
  if (tasks.some((task) => task.taskName === request.taskName))
    throw legacyError(LEGACY_ERRORS.taskNameExists);
  for (const tag of request.tags) {
    const used = tasks.some((task) =>
      ((task.request.tags ?? []) as { tagName: string; tagValue: string }[]).some(
        (other) => other.tagName === tag.tagName && other.tagValue === tag.tagValue,
      ),
    );
    if (used)
      throw legacyError(LEGACY_ERRORS.tagUsed, `tags: ${tag.tagName}=${tag.tagValue} is already used.`);
  }
  if (ctx.store.unfinishedCount('legacy', owner) >= settings.unfinishedTaskLimit.legacy) {
    throw legacyError(LEGACY_ERRORS.taskCountLimit);
  }
  const resolved = resolveLegacyTargets(ctx.fleet, request.param);
  if (resolved === undefined)
    throw new HttpReply(200, { error_code: '101001', error_desc: 'Resource does not exist.' });
  const now = ctx.clock.now();
  const { seq, taskId } = ctx.nextTaskId();
  const unit = settings.legacyTimeoutUnit === 'minutes' ? 60_000 : 1000;
  ctx.store.add(
    createSimTask({
      api: 'legacy',
      seq,
      taskId,
      taskName: request.taskName,
      taskType: request.taskType,
      appId: owner,
      createdAt: now,
      request:
        request.param.type === 'DeviceList'
          ? { ...body, appId: owner, param: { ...request.param, deviceList: undefined } }
          : { ...body, appId: owner },
      explicitList: request.param.type === 'DeviceList' ? 'param.deviceList' : undefined,
      targets: resolved.targets,
      unknownIds: resolved.unknownIds,
      status: 'Pending',
      readyAt: now + settings.pendingDelayMs,
      timeoutMs: request.timeout * unit,
      random: ctx.taskRandom(seq),
    }),
  );
  return new HttpReply(200, { taskID: taskId });
}

function findTask(ctx: SimulatorContext, appId: string, taskId: string): SimTask {
  const task = ctx.store.get(taskId, 'legacy');
  if (task === undefined || task.appId !== appId) throw legacyError(LEGACY_ERRORS.taskNotExist);
  return task;
}

/** The app whose tasks a call addresses: the caller's own, or the one that authorised it; else undefined. */
function taskOwner(ctx: SimulatorContext, appId: string, requested: string | undefined): string | undefined {
  if (requested === undefined || requested === appId) return appId;
  return requested === ctx.credentials.legacy.authorizedAppId ? requested : undefined;
}

/**
 * The query APIs' optional `appId` names an authorised app's task (403 100217 for an app that did not
 * authorise the caller). Without it, only the caller's own tasks are found: an authorised app's task
 * queried without its `appId` does not exist (404 105005), as the query documents imply.
 */
function checkQueryAppId(ctx: SimulatorContext, ex: HttpExchange, appId: string): string {
  const owner = taskOwner(ctx, appId, ex.url.searchParams.get('appId') || undefined);
  if (owner === undefined) throw legacyError(LEGACY_ERRORS.appNotAuthorized);
  return owner;
}

function getTask(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  const owner = checkQueryAppId(ctx, ex, authorize(ctx, ex));
  const task = findTask(ctx, owner, ex.params[0] as string);
  const select = ex.url.searchParams.get('select');
  const withTags = select !== null && ctx.settings().legacySelectValues.includes(select);
  return new HttpReply(200, legacyTaskView(ctx.fleet, task, withTags));
}

function taskDetails(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  const owner = checkQueryAppId(ctx, ex, authorize(ctx, ex));
  const query = ex.url.searchParams;
  const taskId = query.get('taskId');
  if (taskId === null || taskId === '')
    throw legacyError(LEGACY_ERRORS.illegalRequest, 'taskId is required.');
  const { pageNo, pageSize, status } = withInvalidInput(
    () => ({
      pageNo: readQueryInteger(query, 'pageNo', { fallback: 0, min: 0, max: 1_000_000 }),
      pageSize: readQueryInteger(query, 'pageSize', { fallback: 25, min: 1, max: 250 }),
      status: readQueryChoice(query, 'status', LEGACY_SUBTASK_STATUSES),
    }),
    LEGACY_ERRORS.queryInvalidInput,
  );
  const deviceId = query.get('deviceId');
  const commandId = query.get('commandId');
  const task = findTask(ctx, owner, taskId);
  const inFlight = inFlightIndexes(task, ctx.settings());
  const start = pageNo * pageSize;
  const page: Record<string, unknown>[] = [];
  let totalCount = 0;
  for (let index = 0; index < task.targets.length; index++) {
    const subtaskStatus = legacySubtaskStatus(task, index, inFlight);
    if (status !== null && subtaskStatus !== status) continue;
    if (deviceId !== null || commandId !== null) {
      const view = legacySubtaskView(ctx.fleet, task, index, subtaskStatus);
      const param = view.param as { deviceId: string; commandId: string };
      if (
        (deviceId !== null && param.deviceId !== deviceId) ||
        (commandId !== null && param.commandId !== commandId)
      )
        continue;
    }
    if (totalCount >= start && page.length < pageSize)
      page.push(legacySubtaskView(ctx.fleet, task, index, subtaskStatus));
    totalCount++;
  }
  return new HttpReply(200, { pageNo, pageSize, totalCount, taskDetails: page });
}

function withInvalidInput<T>(read: () => T, error: (typeof LEGACY_ERRORS)[keyof typeof LEGACY_ERRORS]): T {
  try {
    return read();
  } catch (problem) {
    if (problem instanceof InputProblem) throw legacyError(error, `${problem.field} ${problem.rule}.`);
    throw problem;
  }
}
