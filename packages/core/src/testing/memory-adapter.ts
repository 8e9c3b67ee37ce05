import type { AdapterCapabilitiesV1, AdapterV1, BatchActionResultV1 } from '../adapter/v1/adapter-v1.js';
import type { HttpRequestSpecV1 } from '../adapter/v1/http-request-spec-v1.js';
import type { SubtaskPageV1 } from '../adapter/v1/subtask-page-v1.js';
import type { SubtaskStatusV1 } from '../adapter/v1/subtask-status-v1.js';
import type { TaskStatusV1 } from '../adapter/v1/task-status-v1.js';
import type { OperationType } from '../campaign/operation.js';
import { CampaignValidationError } from '../errors/campaign-validation-error.js';
import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';
import { type RunnerClock, systemClock } from '../runner/runner-clock.js';
import type { Campaign } from '../campaign/campaign.js';
import { operationTypes } from '../campaign/operation.js';
import { targetTypes } from '../campaign/target-spec.js';
import { memoryCreateProblem } from './memory-create-problem.js';
import { terminalTaskStates } from '../adapter-kit/terminal-task-states.js';
import {
  createMemoryCallGate,
  type MemoryCall,
  type MemoryFault,
  type MemoryRoute,
  memoryFail,
} from './memory-fault.js';
import {
  type MemoryRuns,
  type MemoryTask,
  memoryDeviceState,
  memoryNativeState,
  memoryTaskStatus,
} from './memory-task.js';

// The fault script and the task model have their own files; their types stay importable from here.
export type { MemoryCall, MemoryFault, MemoryRoute } from './memory-fault.js';
export type { MemoryTask } from './memory-task.js';

/** Most subtasks in one memory listing page, and most device IDs in one stop or retry call (as v5). */
export const memoryMaxPageSize = 50;
export const memoryMaxActionTargets = 100;

/** Options of {@link createMemoryAdapter}. */
export interface MemoryAdapterOptions {
  clock?: RunnerClock;
  /** Capability overrides; defaults: every selector native, 30,000 targets, 100 calls/min, 10 unfinished, find and duplicate refusal both on. */
  capabilities?: Partial<AdapterCapabilitiesV1> & {
    /** Whether the memory platform has `doFindTaskByName` (default true); not a capability flag of the specification. */
    findTaskByName?: boolean;
  };
  /** Calls/minute the platform enforces (default: `capabilities.rateLimitPerMinute`). */
  enforcedRateLimitPerMinute?: number;
  /** Unfinished tasks the platform allows (default: capabilities' number, else 10). */
  enforcedMaxUnfinishedTasks?: number;
  /** `reject`: answer `taskLimit` beyond the limit (legacy 105001); `queue`: keep extra tasks pending (v5 Waitting). */
  unfinishedTaskPolicy?: 'reject' | 'queue';
  /** How long a task runs once started. Default 60,000 ms. */
  taskDurationMs?: number;
  /** Subtask count of a native task (the simulated fleet's answer). Default 100. */
  nativeTargets?: number;
  /** Per-device outcome of its `attempt`-th run (1 = the first); default every device succeeds. */
  deviceOutcome?: (deviceId: string, attempt: number) => 'succeeded' | 'failed' | 'timedOut';
  /**
   * Operation types whose tasks take `doStopTask` and `doRetryTask` (as v5: upgrades only). Default: none,
   * so the memory platform has no stop or retry call unless asked, like legacy.
   */
  taskActions?: { stop?: readonly OperationType[]; retry?: readonly OperationType[] };
  /**
   * Count a device's runs across tasks, so that a device put into a second task (a retry task) gets
   * `attempt` 2 there. Off by default: it keeps one entry per device ever targeted.
   */
  trackRunsAcrossTasks?: boolean;
  /** Called before every call; return a fault to inject it (use a seeded random for reproducible runs). */
  fault?: (route: MemoryRoute, call: number) => MemoryFault | undefined;
}

/** The memory adapter plus what tests need to inspect its platform. */
export interface MemoryAdapter extends AdapterV1 {
  /** Every task created, in creation order. */
  readonly tasks: readonly MemoryTask[];
  /** Every call received, in arrival order. */
  readonly calls: readonly MemoryCall[];
  /** Status of a task as `doGetTask` would answer it now. */
  statusOf(task: MemoryTask): TaskStatusV1;
}

/**
 * An {@link AdapterV1} whose platform lives in memory: tasks run on the injected clock, the rate limit
 * and unfinished-task limit are enforced like the real platforms, and faults are injected per call.
 * It takes no more than its capabilities declare: a create with an undeclared operation or native
 * selector, a name outside `taskNameRule` or more than `maxTargetsPerTask` IDs is answered with
 * `PlatformError` kind `invalidInput` (`buildCreateRequest` throws `CampaignValidationError`).
 * For runner tests and for rehearsing a campaign without a network.
 */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const clock = options.clock ?? systemClock;
  const { findTaskByName = true, ...declared } = options.capabilities ?? {};
  const capabilities: AdapterCapabilitiesV1 = {
    nativeSelectors: targetTypes.filter((type) => type !== 'Rules' && type !== 'DeviceList'),
    supportedOperations: [...operationTypes],
    maxTargetsPerTask: 30_000,
    taskNameRule: { maxLength: 128, allowedCharacter: /[A-Za-z0-9_]/u, description: 'letters, digits and _' },
    rateLimitPerMinute: 100,
    maxUnfinishedTasks: 10,
    rejectsDuplicateNames: true,
    taskActions: { stop: options.taskActions?.stop ?? [], retry: options.taskActions?.retry ?? [] },
    ...declared,
  };
  const rateLimit = options.enforcedRateLimitPerMinute ?? capabilities.rateLimitPerMinute;
  const unfinishedLimit =
    options.enforcedMaxUnfinishedTasks ??
    (typeof capabilities.maxUnfinishedTasks === 'number' ? capabilities.maxUnfinishedTasks : 10);
  const queueing = options.unfinishedTaskPolicy === 'queue';
  const duration = options.taskDurationMs ?? 60_000;
  const outcome = options.deviceOutcome ?? (() => 'succeeded' as const);
  const runs: MemoryRuns = { duration, outcome };
  const tasks: MemoryTask[] = [];
  const calls: MemoryCall[] = [];
  const runsByDevice = new Map<string, number>();
  const fail = memoryFail;
  const { enter, record } = createMemoryCallGate({ clock, rateLimit, calls, fault: options.fault });
  const deviceState = (task: MemoryTask, position: number, now: number): SubtaskStatusV1['state'] =>
    memoryDeviceState(task, position, now, runs);
  const statusOf = (task: MemoryTask): TaskStatusV1 => memoryTaskStatus(task, clock.now(), runs);
  const nativeState = memoryNativeState;

  /** The platform side of a create: checks, stores, answers (or drops the answer after committing). */
  const commit = (
    task: TaskPlanV1,
    campaign: Pick<Campaign, 'operation' | 'policy'>,
    fault: MemoryFault | undefined,
  ): { taskId: string } => {
    const now = clock.now();
    // A platform validates the request before it looks at names or limits.
    const problem = memoryCreateProblem(task, campaign, capabilities);
    if (problem !== undefined) {
      record('create', 'invalidInput');
      fail('invalidInput', `memory platform: ${problem.message}`);
    }
    if (capabilities.rejectsDuplicateNames && tasks.some((existing) => existing.name === task.name)) {
      record('create', 'nameExists');
      fail('nameExists', `memory platform: a task named "${task.name}" exists`);
    }
    // Untouched tasks end at `finishesAt`; a stop or retry changes that, so read those from their devices.
    const unfinished = tasks.filter((existing) =>
      existing.retried.size === 0 && existing.stoppedAt === undefined && existing.stoppedDevices.size === 0
        ? existing.finishesAt > now
        : !terminalTaskStates.has(statusOf(existing).state),
    );
    if (!queueing && unfinished.length >= unfinishedLimit) {
      record('create', 'taskLimit');
      fail('taskLimit', `memory platform: ${unfinished.length} unfinished tasks (limit ${unfinishedLimit})`);
    }
    // Queued tasks start in creation order as earlier ones finish (all tasks last `duration`).
    const earlier = tasks[tasks.length - unfinishedLimit];
    const startsAt = queueing && earlier !== undefined ? Math.max(now, earlier.finishesAt) : now;
    const deviceIds = task.kind === 'explicit' ? [...task.deviceIds] : undefined;
    const created: MemoryTask = {
      taskId: (tasks.length + 1).toString(16).padStart(24, '0'),
      name: task.name,
      deviceIds,
      total: deviceIds?.length ?? options.nativeTargets ?? 100,
      createdAt: now,
      startsAt,
      finishesAt: startsAt + duration,
      operation: campaign.operation.type,
      retried: new Map(),
      stoppedDevices: new Map(),
    };
    if (options.trackRunsAcrossTasks === true && deviceIds !== undefined) {
      created.firstAttempt = new Map();
      for (const id of deviceIds) {
        const runs = (runsByDevice.get(id) ?? 0) + 1;
        runsByDevice.set(id, runs);
        if (runs > 1) created.firstAttempt.set(id, runs);
      }
    }
    tasks.push(created);
    if (fault?.type === 'commitThenDrop') {
      record('create', 'commitThenDrop');
      fail('network', 'memory platform: connection lost after the task was committed');
    }
    record('create', 'ok');
    return { taskId: created.taskId };
  };

  const adapter: MemoryAdapter = {
    specificationVersion: 'v1',
    name: 'memory',
    capabilities,
    tasks,
    calls,
    statusOf,
    buildCreateRequest(
      task: TaskPlanV1,
      campaign: Pick<Campaign, 'operation' | 'policy'>,
    ): HttpRequestSpecV1 {
      // The offline check real adapters make before sending; the platform answers the same as invalidInput.
      const problem = memoryCreateProblem(task, campaign, capabilities);
      if (problem !== undefined) {
        throw new CampaignValidationError([
          { path: problem.field, code: 'unsupported_by_adapter', message: problem.message },
        ]);
      }
      return {
        method: 'POST',
        path: '/tasks',
        headers: { 'content-type': 'application/json' },
        body: {
          name: task.name,
          operation: campaign.operation.type,
          targets: task.kind === 'explicit' ? task.deviceIds : task.target,
        },
      };
    },
    async doCreateTask({ task, operation, policy }) {
      const campaign = { operation, policy };
      const fault = await enter('create');
      if (fault?.type === 'lateCommit') {
        record('create', 'lateCommit');
        void clock.sleep(fault.ms).then(() => {
          try {
            commit(task, campaign, undefined);
          } catch {
            // Refused at commit time (invalid input, name exists, limit): nothing was created.
          }
        });
        fail('network', 'memory platform: request timed out (the platform commits it later)');
      }
      return commit(task, campaign, fault);
    },
    async doGetTask({ taskId }) {
      const fault = await enter('get');
      if (fault?.type === 'commitThenDrop') {
        record('get', 'network');
        fail('network', 'memory platform: connection lost');
      }
      const task = tasks.find((candidate) => candidate.taskId === taskId);
      if (task === undefined) {
        record('get', 'notFound');
        return fail('notFound', `memory platform: no task ${taskId}`);
      }
      record('get', 'ok');
      return statusOf(task);
    },
  };
  const findTask = (route: MemoryRoute, taskId: string): MemoryTask => {
    const task = tasks.find((candidate) => candidate.taskId === taskId);
    if (task === undefined) {
      record(route, 'notFound');
      return fail('notFound', `memory platform: no task ${taskId}`);
    }
    return task;
  };
  const dropAfter = (route: MemoryRoute, fault: MemoryFault | undefined) => {
    if (fault?.type === 'commitThenDrop') {
      record(route, 'network');
      fail('network', 'memory platform: connection lost');
    }
  };

  adapter.doListTaskDevices = async ({ taskId, ...page }): Promise<SubtaskPageV1> => {
    const fault = await enter('list');
    dropAfter('list', fault);
    const task = findTask('list', taskId);
    const pageSize = page.pageSize ?? memoryMaxPageSize;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > memoryMaxPageSize) {
      record('list', 'invalidInput');
      fail('invalidInput', `memory platform: pageSize must be 1–${memoryMaxPageSize}, got ${pageSize}`);
    }
    const start = page.cursor === undefined ? 0 : Number(page.cursor);
    record('list', 'ok');
    const now = clock.now();
    const items: SubtaskStatusV1[] = [];
    // A native task's devices are the platform's: it names them itself.
    for (let position = start; position < Math.min(task.total, start + pageSize); position++) {
      const deviceId = task.deviceIds?.[position] ?? `${task.taskId}_n${position}`;
      const state =
        task.deviceIds === undefined ? nativeState(task, position, now) : deviceState(task, position, now);
      items.push({
        deviceId,
        state,
        ...(state === 'failed' || state === 'timedOut'
          ? {
              error: {
                code: state === 'failed' ? 'MEMORY_DEVICE_FAILED' : 'MEMORY_DEVICE_TIMEOUT',
                message: `memory platform: device ${state}`,
              },
            }
          : {}),
        raw: { position },
      });
    }
    const next = start + pageSize;
    return { items, ...(next < task.total ? { nextCursor: String(next) } : {}) };
  };

  /** Stop or retry, as v5 answers them: the task type must allow it, ≤ 100 IDs, a result per target. */
  const action = async (
    route: 'stop' | 'retry',
    taskId: string,
    deviceIds: readonly string[] | undefined,
  ): Promise<BatchActionResultV1> => {
    const fault = await enter(route);
    const task = findTask(route, taskId);
    const allowed = options.taskActions?.[route] ?? [];
    if (!allowed.includes(task.operation) || task.deviceIds === undefined) {
      record(route, 'invalidInput');
      fail('invalidInput', `memory platform: ${route} is not allowed for ${task.operation} tasks`);
    }
    if (deviceIds !== undefined && (deviceIds.length === 0 || deviceIds.length > memoryMaxActionTargets)) {
      record(route, 'invalidInput');
      fail(
        'invalidInput',
        `memory platform: targets must hold 1–${memoryMaxActionTargets} device IDs, got ${deviceIds.length}`,
      );
    }
    const now = clock.now();
    const positions = new Map((task.deviceIds ?? []).map((id, position) => [id, position]));
    const failures: BatchActionResultV1['failures'] = [];
    const eligible = (state: SubtaskStatusV1['state']) =>
      route === 'stop'
        ? state === 'pending' || state === 'running'
        : state === 'failed' || state === 'timedOut' || state === 'stopped';
    const apply = (id: string, position: number) => {
      if (route === 'stop') task.stoppedDevices.set(id, now);
      else {
        const attempt = (task.retried.get(id)?.attempt ?? task.firstAttempt?.get(id) ?? 1) + 1;
        task.retried.set(id, { at: now, attempt });
        if (options.trackRunsAcrossTasks === true) runsByDevice.set(id, attempt);
      }
      void position;
    };
    if (deviceIds === undefined) {
      if (route === 'stop') task.stoppedAt = now;
      else
        for (const [id, position] of positions)
          if (eligible(deviceState(task, position, now))) apply(id, position);
    } else {
      for (const id of deviceIds) {
        const position = positions.get(id);
        if (position === undefined || !eligible(deviceState(task, position, now))) {
          failures.push({
            deviceId: id,
            code: 'MEMORY_TARGET_STATE',
            message: `memory platform: ${id} cannot take ${route} in its current state`,
          });
          continue;
        }
        apply(id, position);
      }
    }
    // Committed, then the answer may be lost.
    dropAfter(route, fault);
    record(route, 'ok');
    return { failures };
  };
  adapter.doStopTask = ({ taskId, deviceIds }) => action('stop', taskId, deviceIds);
  adapter.doRetryTask = ({ taskId, deviceIds }) => action('retry', taskId, deviceIds);

  if (findTaskByName) {
    adapter.doFindTaskByName = async ({ name }) => {
      const fault = await enter('find');
      if (fault?.type === 'commitThenDrop') {
        record('find', 'network');
        fail('network', 'memory platform: connection lost');
      }
      record('find', 'ok');
      const task = tasks.find((candidate) => candidate.name === name);
      return task === undefined ? undefined : { taskId: task.taskId };
    };
  }
  return adapter;
}
