import { HttpReply } from '../http/http-reply.js';
import { InputProblem, checkString, parseJsonObject } from '../http/input-problem.js';
import { readQueryChoice } from '../http/query-params.js';
import type { HttpExchange, Route } from '../http/route.js';
import type { SimulatorContext } from '../simulator-context.js';
import {
  type ResolvedTargets,
  resolveDeviceIds,
  targetIdAt,
  unionOfIndexLists,
} from '../tasks/resolve-targets.js';
import { createSimTask, type SimTask } from '../tasks/sim-task.js';
import { inFlightIndexes } from '../tasks/task-lifecycle.js';
import { authorizeV5 } from './v5-auth.js';
import { V5_APP_ID, V5_DEVICE_ID, V5_TASK_TYPES, readV5CreateRequest } from './v5-create-request.js';
import { V5_ERRORS, v5Error } from './v5-errors.js';
import { withV5Input } from './v5-input.js';
import { pageByMarker, readV5Paging } from './v5-paging.js';
import { V5_TASK_STATUSES, targetAction } from './v5-target-actions.js';
import { V5_DETAIL_STATUSES, v5SubtaskStatus, v5SubtaskView, v5TaskView } from './v5-views.js';

const TASKS = /^\/v5\/iot\/([^/]+)\/batchtasks$/;
const TASK = /^\/v5\/iot\/([^/]+)\/batchtasks\/([^/]+)$/;
const TASK_ACTION = (action: string) => new RegExp(`^/v5/iot/([^/]+)/batchtasks/([^/]+)/${action}$`);

/** The IoTDA v5 batch-task routes (reference B1–B5). */
export function v5TaskRoutes(ctx: SimulatorContext): Route[] {
  return [
    { name: 'v5.createTask', api: 'v5', method: 'POST', pattern: TASKS, handle: (ex) => createTask(ctx, ex) },
    { name: 'v5.listTasks', api: 'v5', method: 'GET', pattern: TASKS, handle: (ex) => listTasks(ctx, ex) },
    { name: 'v5.showTask', api: 'v5', method: 'GET', pattern: TASK, handle: (ex) => showTask(ctx, ex) },
    {
      name: 'v5.deleteTask',
      api: 'v5',
      method: 'DELETE',
      pattern: TASK,
      handle: (ex) => deleteTask(ctx, ex),
    },
    {
      name: 'v5.stopTask',
      api: 'v5',
      method: 'POST',
      pattern: TASK_ACTION('stop'),
      handle: (ex) => action(ctx, ex, 'stop'),
    },
    {
      name: 'v5.retryTask',
      api: 'v5',
      method: 'POST',
      pattern: TASK_ACTION('retry'),
      handle: (ex) => action(ctx, ex, 'retry'),
    },
    {
      name: 'v5.confirmTask',
      api: 'v5',
      method: 'POST',
      pattern: TASK_ACTION('confirm'),
      handle: (ex) => action(ctx, ex, 'confirm'),
    },
  ];
}

function createTask(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  authorizeV5(ctx, ex, ex.params[0] as string);
  const settings = ctx.settings();
  const now = ctx.clock.now();
  const body = withV5Input(() => parseJsonObject(ex.body));
  const request = withV5Input(() => readV5CreateRequest(body, now, settings.maxTargets));
  const appId = request.appId ?? (ctx.resourceSpaces[0] as { appId: string }).appId;
  if (!ctx.resourceSpaces.some((space) => space.appId === appId))
    throw v5Error(V5_ERRORS.appNotExist, `app_id ${appId} is unknown.`);
  let resolved: ResolvedTargets = { targets: new Int32Array(0), unknownIds: [] };
  let statusDesc = '';
  // Only one target source takes effect: targets, then targets_filter, then document_source.
  if (request.targets !== undefined) resolved = resolveDeviceIds(ctx.fleet, request.targets);
  else if (request.groupIds !== undefined) {
    const groups = request.groupIds.map((groupId) => ctx.fleet.groupById(groupId));
    if (groups.some((group) => group === undefined))
      statusDesc = 'A group in targets_filter.group_ids does not exist.';
    resolved = unionOfIndexLists(groups.flatMap((group) => (group === undefined ? [] : [group.members])));
  } else statusDesc = 'The batch file in document_source does not exist in the simulator.';
  const { seq, taskId } = ctx.nextTaskId();
  const task = createSimTask({
    api: 'v5',
    seq,
    taskId,
    taskName: request.taskName,
    taskType: request.taskType,
    appId,
    createdAt: now,
    request: request.targets === undefined ? body : { ...body, targets: undefined },
    explicitList: request.targets === undefined ? undefined : 'targets',
    targets: resolved.targets,
    unknownIds: resolved.unknownIds,
    status: 'Initializing',
    readyAt: Math.max(now + settings.initializingDelayMs, request.scheduleTime ?? now),
    initializedAt: now + settings.initializingDelayMs,
    retryCount: request.retryCount,
    retryIntervalMs: request.retryIntervalMinutes * 60_000,
    awaitConfirm: request.needConfirm,
    random: ctx.taskRandom(seq),
  });
  task.statusDesc = statusDesc;
  ctx.store.add(task);
  return new HttpReply(201, v5TaskView(ctx.fleet, task, settings));
}

function listTasks(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  authorizeV5(ctx, ex, ex.params[0] as string);
  const query = ex.url.searchParams;
  const { taskType, status, appId, paging } = withV5Input(() => {
    if (!query.get('task_type')) throw new InputProblem('task_type', 'is required');
    const taskType = readQueryChoice(query, 'task_type', V5_TASK_TYPES);
    const paging = readV5Paging(query);
    const status = readQueryChoice(query, 'status', V5_TASK_STATUSES);
    const appId = query.get('app_id');
    if (appId !== null) checkString(appId, V5_APP_ID, 'app_id');
    return { taskType, paging, status, appId };
  });
  const matching = ctx.store
    .all()
    .filter(
      (task) =>
        task.api === 'v5' &&
        task.taskType === taskType &&
        (status === null || task.status === status) &&
        (appId === null || task.appId === appId),
    )
    .reverse();
  const { items, page } = pageByMarker(matching, (task) => task.taskId, paging);
  const settings = ctx.settings();
  return new HttpReply(200, { batchtasks: items.map((task) => v5TaskView(ctx.fleet, task, settings)), page });
}

function findTask(ctx: SimulatorContext, taskId: string): SimTask {
  const task = ctx.store.get(taskId, 'v5');
  if (task === undefined) throw v5Error(V5_ERRORS.taskNotFound);
  return task;
}

/** A sortable 24-hex ID per subtask: descending IDs follow the target order, so paging keeps that order. */
export function detailId(index: number): string {
  return (2 ** 48 - 2 - index).toString(16).padStart(24, '0');
}

function showTask(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  authorizeV5(ctx, ex, ex.params[0] as string);
  const query = ex.url.searchParams;
  const { paging, detailStatus, target } = withV5Input(() => {
    const paging = readV5Paging(query);
    const detailStatus = readQueryChoice(query, 'task_detail_status', V5_DETAIL_STATUSES);
    const target = query.get('target');
    if (target !== null) checkString(target, V5_DEVICE_ID, 'target');
    return { paging, detailStatus, target };
  });
  const task = findTask(ctx, ex.params[1] as string);
  const settings = ctx.settings();
  const inFlight = inFlightIndexes(task, settings);
  const selected: number[] = [];
  for (let index = 0; index < task.targets.length; index++) {
    if (detailStatus !== null && v5SubtaskStatus(task, index, inFlight) !== detailStatus) continue;
    if (target !== null && targetIdAt(ctx.fleet, task, index) !== target) continue;
    selected.push(index);
  }
  const { items, page } = pageByMarker(selected, detailId, paging);
  return new HttpReply(200, {
    batchtask: v5TaskView(ctx.fleet, task, settings),
    task_details: items.map((index) =>
      v5SubtaskView(ctx.fleet, task, index, v5SubtaskStatus(task, index, inFlight)),
    ),
    page,
  });
}

function deleteTask(ctx: SimulatorContext, ex: HttpExchange): HttpReply {
  authorizeV5(ctx, ex, ex.params[0] as string);
  const task = findTask(ctx, ex.params[1] as string);
  if (!['Success', 'Fail', 'PartialSuccess', 'Stopped'].includes(task.status)) {
    throw v5Error(V5_ERRORS.invalidInput, `only finished tasks can be deleted; the task is ${task.status}.`);
  }
  ctx.store.remove(task.taskId);
  return new HttpReply(204);
}

function action(ctx: SimulatorContext, ex: HttpExchange, kind: 'stop' | 'retry' | 'confirm'): HttpReply {
  authorizeV5(ctx, ex, ex.params[0] as string);
  const body =
    ex.body === undefined || ex.body.length === 0 ? {} : withV5Input(() => parseJsonObject(ex.body));
  const task = findTask(ctx, ex.params[1] as string);
  return targetAction(ctx, task, body, kind);
}
