import type { AdapterCapabilitiesV1, AdapterV1, HttpRequestSpec } from '../adapter/v1/adapter-v1.js';
import type { TaskCounts, TaskState, TaskStatus } from '../adapter/v1/task-status.js';
import { CampaignValidationError } from '../errors/campaign-validation-error.js';
import { PlatformError, type PlatformErrorKind } from '../errors/platform-error.js';
import type { TaskPlan } from '../adapter/v1/task-plan.js';
import { type RunnerClock, systemClock } from '../runner/runner-clock.js';
import type { Campaign } from '../campaign/campaign.js';
import { operationTypes } from '../campaign/operation.js';
import { targetTypes } from '../campaign/target-spec.js';
import { memoryCreateProblem } from './memory-create-problem.js';

/** A memory-adapter route, as fault scripts see it. */
export type MemoryRoute = 'create' | 'get' | 'find';

/**
 * A fault to inject into one call. `commitThenDrop` creates the task and then fails with a network
 * error, as a connection lost after the platform committed; on `get`/`find` it is a plain network error.
 */
export type MemoryFault =
  | { type: 'server' | 'network' | 'throttled' | 'taskLimit' | 'commitThenDrop' }
  /** The credentials are refused (a revoked token); nothing is done. */
  | { type: 'auth' }
  | { type: 'latency'; ms: number }
  /**
   * `create` only: the client gives up at once (a timeout, a `network` error) but the platform commits
   * the task `ms` later, as a slow backend does; duplicate refusal and limits apply at commit time.
   */
  | { type: 'lateCommit'; ms: number };

/** Options of {@link createMemoryAdapter}. */
export interface MemoryAdapterOptions {
  clock?: RunnerClock;
  /** Capability overrides; defaults: every selector native, 30,000 targets, 100 calls/min, 10 unfinished, find and duplicate refusal both on. */
  capabilities?: Partial<AdapterCapabilitiesV1>;
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
  /** Per-device outcome; default every device succeeds. */
  deviceOutcome?: (deviceId: string) => 'succeeded' | 'failed' | 'timedOut';
  /** Called before every call; return a fault to inject it (use a seeded random for reproducible runs). */
  fault?: (route: MemoryRoute, call: number) => MemoryFault | undefined;
}

/** A task as the memory platform holds it. */
export interface MemoryTask {
  taskId: string;
  name: string;
  /** Explicit device IDs, or undefined for a native task. */
  deviceIds: readonly string[] | undefined;
  total: number;
  createdAt: number;
  startsAt: number;
  finishesAt: number;
}

/** One call the memory platform received. */
export interface MemoryCall {
  route: MemoryRoute;
  at: number;
  outcome: 'ok' | PlatformErrorKind | 'commitThenDrop' | 'lateCommit';
}

/** The memory adapter plus what tests need to inspect its platform. */
export interface MemoryAdapter extends AdapterV1 {
  /** Every task created, in creation order. */
  readonly tasks: readonly MemoryTask[];
  /** Every call received, in arrival order. */
  readonly calls: readonly MemoryCall[];
  /** Status of a task as `doGetTask` would answer it now. */
  statusOf(task: MemoryTask): TaskStatus;
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
  const capabilities: AdapterCapabilitiesV1 = {
    nativeSelectors: targetTypes.filter((type) => type !== 'Rules' && type !== 'DeviceList'),
    supportedOperations: [...operationTypes],
    maxTargetsPerTask: 30_000,
    taskNameRule: { maxLength: 128, allowedCharacter: /[A-Za-z0-9_]/u, description: 'letters, digits and _' },
    rateLimitPerMinute: 100,
    maxUnfinishedTasks: 10,
    findTaskByName: true,
    rejectsDuplicateNames: true,
    ...options.capabilities,
  };
  const rateLimit = options.enforcedRateLimitPerMinute ?? capabilities.rateLimitPerMinute;
  const unfinishedLimit =
    options.enforcedMaxUnfinishedTasks ??
    (typeof capabilities.maxUnfinishedTasks === 'number' ? capabilities.maxUnfinishedTasks : 10);
  const queueing = options.unfinishedTaskPolicy === 'queue';
  const duration = options.taskDurationMs ?? 60_000;
  const outcome = options.deviceOutcome ?? (() => 'succeeded' as const);
  const tasks: MemoryTask[] = [];
  const calls: MemoryCall[] = [];
  const arrivals: number[] = [];
  let callCount = 0;

  const fail = (kind: PlatformErrorKind, message: string): never => {
    throw new PlatformError({ kind, message, adapter: 'memory' });
  };

  /** Every call: rate limit first (a throttled call does nothing), then the scripted fault. */
  const enter = async (route: MemoryRoute): Promise<MemoryFault | undefined> => {
    const fault = options.fault?.(route, callCount++);
    if (fault?.type === 'latency') await clock.sleep(fault.ms);
    const now = clock.now();
    while (arrivals.length > 0 && (arrivals[0] as number) <= now - 60_000) arrivals.shift();
    if (arrivals.length >= rateLimit) {
      calls.push({ route, at: now, outcome: 'throttled' });
      fail('throttled', 'memory platform: more than the allowed calls per minute');
    }
    arrivals.push(now);
    if (
      fault !== undefined &&
      fault.type !== 'latency' &&
      fault.type !== 'commitThenDrop' &&
      fault.type !== 'lateCommit'
    ) {
      calls.push({ route, at: now, outcome: fault.type });
      fail(fault.type, `memory platform: injected ${fault.type} fault`);
    }
    return fault;
  };
  const record = (route: MemoryRoute, result: MemoryCall['outcome']) =>
    calls.push({ route, at: clock.now(), outcome: result });

  const statusOf = (task: MemoryTask): TaskStatus => {
    const now = clock.now();
    const span = task.finishesAt - task.startsAt;
    const fraction = now < task.startsAt ? 0 : span <= 0 ? 1 : Math.min(1, (now - task.startsAt) / span);
    const done = Math.floor(fraction * task.total);
    const counts: TaskCounts = {
      total: task.total,
      succeeded: 0,
      failed: 0,
      timedOut: 0,
      pending: 0,
      running: 0,
      stopped: 0,
    };
    for (let position = 0; position < done; position++) {
      const id = task.deviceIds?.[position];
      counts[id === undefined ? 'succeeded' : outcome(id)] += 1;
    }
    if (now < task.startsAt) counts.pending = task.total - done;
    else counts.running = task.total - done;
    let state: TaskState = now < task.startsAt ? 'pending' : 'running';
    if (done === task.total) {
      state =
        counts.succeeded === task.total
          ? 'succeeded'
          : counts.succeeded > 0
            ? 'partiallySucceeded'
            : 'failed';
    }
    return {
      taskId: task.taskId,
      name: task.name,
      state,
      counts,
      progress: task.total === 0 ? 1 : done / task.total,
      raw: { ...task, deviceIds: undefined },
    };
  };

  /** The platform side of a create: checks, stores, answers (or drops the answer after committing). */
  const commit = (task: TaskPlan, campaign: Campaign, fault: MemoryFault | undefined): { taskId: string } => {
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
    const unfinished = tasks.filter((existing) => existing.finishesAt > now);
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
    };
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
    buildCreateRequest(task: TaskPlan, campaign: Campaign): HttpRequestSpec {
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
    async doCreateTask(task, campaign) {
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
    async doGetTask(taskId) {
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
  if (capabilities.findTaskByName) {
    adapter.doFindTaskByName = async (name) => {
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
