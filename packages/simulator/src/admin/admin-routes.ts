import { HttpReply } from '../http/http-reply.js';
import { parseJsonObject } from '../http/input-problem.js';
import type { HttpExchange, Route } from '../http/route.js';
import type { FaultRule } from '../fault-injector.js';
import { SimulatorConfigError, requireNumber } from '../simulator-config-error.js';
import type { SimulatorRoute } from '../simulator-route.js';
import type { SimulatorSettingsPatch } from '../simulator-settings.js';
import type { SimulatedTask } from '../simulated-task.js';

/** Prefix of the admin surface; no Huawei API lives under it. */
export const ADMIN_PREFIX = '/__fleetcast__';

/** What the admin routes need from the simulator. */
export interface AdminHooks {
  state(): Record<string, unknown>;
  tasks(): SimulatedTask[];
  task(taskId: string): SimulatedTask | undefined;
  reset(): void;
  configure(patch: SimulatorSettingsPatch & { timeScale?: number }): unknown;
  advance(ms: number): void;
  setFault(route: SimulatorRoute | '*', rule: FaultRule): void;
  clearFaults(route?: SimulatorRoute | '*'): void;
}

const summary = (task: SimulatedTask) => ({
  api: task.api,
  taskId: task.taskId,
  taskName: task.taskName,
  taskType: task.taskType,
  appId: task.appId,
  status: task.status,
  createdAt: task.createdAt,
  startedAt: task.startedAt,
  finishedAt: task.finishedAt,
  counts: task.counts,
});

/** The admin HTTP surface: state, tasks, reset, config, clock and faults, as JSON. */
export function adminRoutes(hooks: AdminHooks): Route[] {
  const route = (method: string, path: string, handle: (ex: HttpExchange) => HttpReply): Route => ({
    name: 'admin',
    api: 'admin',
    method,
    pattern: new RegExp(`^${ADMIN_PREFIX}${path}$`),
    handle: (ex) => guard(() => handle(ex)),
  });
  return [
    route('GET', '/state', () => new HttpReply(200, hooks.state())),
    route('GET', '/tasks', () => new HttpReply(200, { tasks: hooks.tasks().map(summary) })),
    route('GET', '/tasks/([^/]+)', (ex) => {
      const task = hooks.task(ex.params[0] as string);
      if (task === undefined) return new HttpReply(404, { error: 'task not found' });
      return new HttpReply(200, {
        ...summary(task),
        request: task.request,
        targets: task.targets,
        unknownTargets: task.unknownTargets,
      });
    }),
    route('POST', '/reset', () => {
      hooks.reset();
      return new HttpReply(204);
    }),
    route('GET', '/config', () => new HttpReply(200, hooks.state().settings)),
    route(
      'PATCH',
      '/config',
      (ex) => new HttpReply(200, hooks.configure(parseJsonObject(ex.body) as SimulatorSettingsPatch)),
    ),
    route('POST', '/clock/advance', (ex) => {
      hooks.advance(requireNumber('ms', parseJsonObject(ex.body).ms, 0, Number.MAX_SAFE_INTEGER));
      return new HttpReply(200, { now: hooks.state().now });
    }),
    route('PUT', '/faults/([^/]+)', (ex) => {
      hooks.setFault(
        decodeURIComponent(ex.params[0] as string) as SimulatorRoute,
        parseJsonObject(ex.body) as FaultRule,
      );
      return new HttpReply(204);
    }),
    route('DELETE', '/faults', () => {
      hooks.clearFaults();
      return new HttpReply(204);
    }),
    route('DELETE', '/faults/([^/]+)', (ex) => {
      hooks.clearFaults(decodeURIComponent(ex.params[0] as string) as SimulatorRoute);
      return new HttpReply(204);
    }),
  ];
}

function guard(run: () => HttpReply): HttpReply {
  try {
    return run();
  } catch (error) {
    if (error instanceof SimulatorConfigError)
      return new HttpReply(400, { error: error.message, code: error.code, field: error.field });
    if (error instanceof Error && error.name === 'InputProblem')
      return new HttpReply(400, { error: error.message });
    throw error;
  }
}
