import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterV1 } from '../adapter/v1/adapter-v1.js';
import type { TaskStateV1 } from '../adapter/v1/task-state-v1.js';
import type { TaskStatusV1 } from '../adapter/v1/task-status-v1.js';
import { terminalTaskStates } from '../adapter-kit/terminal-task-states.js';
import { FleetcastError } from '../errors/fleetcast-error.js';
import { PlatformError, type PlatformErrorKind, platformErrorKinds } from '../errors/platform-error.js';
import { plan } from '../planner/plan.js';
import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';
import type { Campaign } from '../campaign/campaign.js';
import { type Operation, type OperationType, operationTypes } from '../campaign/operation.js';
import { type NativeTarget, type TargetType, targetTypes } from '../campaign/target-spec.js';
import type {
  AdapterConformanceContext,
  AdapterConformanceOptions,
  ConformanceOutcome,
} from './adapter-conformance-options.js';
import { defaultConformanceOperations } from './default-operations.js';

const taskStates: readonly TaskStateV1[] = [
  'pending',
  'running',
  'succeeded',
  'partiallySucceeded',
  'failed',
  'stopped',
  'timedOut',
];
const errorKinds: readonly PlatformErrorKind[] = platformErrorKinds;

/**
 * Registers the adapter conformance suite: every adapter runs the same cases against its platform (or
 * the simulator) through the adapter specification only. No case skips itself: a case about an optional
 * capability checks what the adapter declares either way (a second task for a duplicate name when it
 * does not refuse duplicates, no method at all when it cannot find by name), and the error case maps
 * every fault kind the context injects (at least one).
 *
 * @example
 * describeAdapterConformance({
 *   name: 'v5 adapter against the simulator',
 *   setup: async () => {
 *     const simulator = await startSimulator();
 *     return { adapter: createV5Adapter({ ... }), secrets: [token], deviceIds: (n) => ..., teardown: () => simulator.close() };
 *   },
 * });
 */
export function describeAdapterConformance(options: AdapterConformanceOptions): void {
  let context: AdapterConformanceContext | undefined;
  const ctx = (): AdapterConformanceContext => {
    if (context === undefined) throw new Error('the conformance setup did not run');
    return context;
  };
  const adapter = (): AdapterV1 => ctx().adapter;
  const run = Math.random()
    .toString(36)
    .replace(/[^a-z]/g, '')
    .slice(0, 6)
    .padEnd(6, 'x');
  let counter = 0;
  const uniqueName = () => `conf${run}n${++counter}`;
  const errors: unknown[] = [];
  const capture = async <T>(promise: Promise<T>): Promise<unknown> => {
    try {
      await promise;
      return undefined;
    } catch (error) {
      errors.push(error);
      return error;
    }
  };

  const operationOf = (type: OperationType): Operation =>
    ctx().sampleOperation?.(type) ?? defaultConformanceOperations[type];
  const campaignFor = (operation: Operation): Campaign => ({
    name: 'conformance',
    target: { type: 'Broadcast' },
    operation,
  });
  const firstOperation = (): Operation =>
    operationOf(adapter().capabilities.supportedOperations[0] ?? 'command');
  const explicitTask = (deviceIds: readonly string[], name = uniqueName()): TaskPlanV1 => ({
    kind: 'explicit',
    name,
    index: 0,
    deviceIds: [...deviceIds],
  });
  const nativeTargets = (): [TargetType, NativeTarget][] =>
    adapter()
      .capabilities.nativeSelectors.map((type) => [type, ctx().sampleTarget?.(type)] as const)
      .filter((entry): entry is [TargetType, NativeTarget] => entry[1] !== undefined);

  describe(options.name ?? 'adapter conformance', () => {
    beforeAll(async () => {
      context = await options.setup();
    });
    afterAll(async () => {
      await context?.teardown?.();
    });

    it('declares specification v1 and coherent capabilities', () => {
      const { specificationVersion, name, capabilities } = adapter();
      expect(specificationVersion).toBe('v1');
      expect(name).toMatch(/^[a-z0-9-]+$/);
      expect(capabilities.supportedOperations.length).toBeGreaterThan(0);
      for (const operation of capabilities.supportedOperations) expect(operationTypes).toContain(operation);
      for (const selector of capabilities.nativeSelectors) expect(targetTypes).toContain(selector);
      expect(Number.isInteger(capabilities.maxTargetsPerTask) && capabilities.maxTargetsPerTask > 0).toBe(
        true,
      );
      expect(capabilities.rateLimitPerMinute).toBeGreaterThan(0);
      expect(capabilities.taskNameRule.maxLength).toBeGreaterThan(0);
      expect(capabilities.maxUnfinishedTasks === 'unknown' || capabilities.maxUnfinishedTasks > 0).toBe(true);
      // Finding by name is said by the method alone: present and callable, or absent.
      expect(['function', 'undefined']).toContain(typeof adapter().doFindTaskByName);
    });

    it('builds a pure, secret-free create request for every operation × selector', () => {
      const ids = ctx().deviceIds(3);
      const tasks: TaskPlanV1[] = [explicitTask(ids, 'confshape1')];
      for (const [, target] of nativeTargets())
        tasks.push({ kind: 'native', name: 'confshape1', index: 0, target });
      for (const type of adapter().capabilities.supportedOperations) {
        for (const task of tasks) {
          const campaign = campaignFor(operationOf(type));
          // GroupList may need a name lookup first (v5); the shape case covers what is buildable offline.
          let request: ReturnType<AdapterV1['buildCreateRequest']>;
          try {
            request = adapter().buildCreateRequest(task, campaign);
          } catch (error) {
            if (
              task.kind === 'native' &&
              task.target.type === 'GroupList' &&
              FleetcastError.isInstance(error)
            )
              continue;
            throw error;
          }
          const again = adapter().buildCreateRequest(task, campaign);
          expect(again).toEqual(request);
          expect(request.path.startsWith('/')).toBe(true);
          const text = JSON.stringify(request);
          // Plain JSON data: what is inspected or snapshotted is exactly what is sent.
          expect(JSON.parse(text)).toEqual(request);
          expect(text).toContain('confshape1');
          if (task.kind === 'explicit') for (const id of ids) expect(text).toContain(JSON.stringify(id));
          for (const secret of ctx().secrets) expect(text).not.toContain(secret);
        }
      }
    });

    it('refuses operations it does not declare, naming the operation', () => {
      const supported = new Set(adapter().capabilities.supportedOperations);
      for (const type of operationTypes.filter((operation) => !supported.has(operation))) {
        let thrown: unknown;
        try {
          adapter().buildCreateRequest(explicitTask(ctx().deviceIds(1)), campaignFor(operationOf(type)));
        } catch (error) {
          thrown = error;
        }
        expect(FleetcastError.isInstance(thrown), type).toBe(true);
        expect(String((thrown as Error).message)).toContain(type);
      }
    });

    it('plans through its capabilities: native selectors stay native, undeclared operations name adapter and operation', async () => {
      for (const [type, target] of nativeTargets()) {
        const { tasks } = await plan({ ...campaignFor(firstOperation()), target }, { adapter: adapter() });
        expect(
          tasks.map((task) => task.kind),
          type,
        ).toEqual(['native']);
      }
      const supported = new Set(adapter().capabilities.supportedOperations);
      for (const type of operationTypes.filter((operation) => !supported.has(operation))) {
        const refused = await capture(plan(campaignFor(operationOf(type)), { adapter: adapter() }));
        expect(FleetcastError.isInstance(refused), type).toBe(true);
        expect(String((refused as Error).message)).toContain(type);
        expect(String((refused as Error).message)).toContain(adapter().name);
      }
    });

    it('creates a task and reads back a normalized status', async () => {
      const ids = ctx().deviceIds(3);
      const { taskId } = await adapter().doCreateTask({
        task: explicitTask(ids),
        operation: firstOperation(),
      });
      expect(typeof taskId).toBe('string');
      const status = await adapter().doGetTask({ taskId });
      expectCoherent(status, taskId);
      expect(status.counts.total).toBe(3);
    });

    it('creates a task for every native selector it declares, and refuses a native task when it declares none', async () => {
      const declared = adapter().capabilities.nativeSelectors;
      const targets = nativeTargets();
      // A declared selector the context gives no sample for would go untested: that is a gap, not a pass.
      expect(
        targets.map(([type]) => type),
        'sampleTarget gives a target for every declared native selector',
      ).toEqual([...declared]);
      if (declared.length === 0) {
        // The planner expands every selector to device lists; a native task reaching the adapter is refused.
        let thrown: unknown;
        try {
          adapter().buildCreateRequest(
            { kind: 'native', name: uniqueName(), index: 0, target: { type: 'Broadcast' } },
            campaignFor(firstOperation()),
          );
        } catch (error) {
          thrown = error;
        }
        expect(FleetcastError.isInstance(thrown), String(thrown)).toBe(true);
      }
      for (const [type, target] of targets) {
        const { taskId } = await adapter().doCreateTask({
          task: { kind: 'native', name: uniqueName(), index: 0, target },
          operation: firstOperation(),
        });
        const status = await adapter().doGetTask({ taskId });
        expectCoherent(status, taskId);
        expect(status.counts.total, type).toBeGreaterThan(0);
      }
    });

    it('accepts maxTargetsPerTask device IDs and refuses one more', async () => {
      const max = adapter().capabilities.maxTargetsPerTask;
      const ids = ctx().deviceIds(max + 1);
      const { taskId } = await adapter().doCreateTask({
        task: explicitTask(ids.slice(0, max)),
        operation: firstOperation(),
      });
      expect((await adapter().doGetTask({ taskId })).counts.total).toBe(max);
      const refused = await capture(
        adapter().doCreateTask({ task: explicitTask(ids), operation: firstOperation() }),
      );
      expect(FleetcastError.isInstance(refused)).toBe(true);
      if (PlatformError.isInstance(refused)) expect(refused.kind).toBe('invalidInput');
    });

    it('accepts a name of maxLength allowed characters and refuses a longer or disallowed one', async () => {
      const rule = adapter().capabilities.taskNameRule;
      const ids = ctx().deviceIds(1);
      const base = uniqueName();
      const longest = base + 'x'.repeat(Math.max(0, rule.maxLength - base.length));
      const created = await adapter().doCreateTask({
        task: explicitTask(ids, longest),
        operation: firstOperation(),
      });
      expect(typeof created.taskId).toBe('string');
      const tooLong = await capture(
        adapter().doCreateTask({ task: explicitTask(ids, `${longest}x`), operation: firstOperation() }),
      );
      expect(FleetcastError.isInstance(tooLong)).toBe(true);
      const disallowed = ['-', ' ', '\u0007'].find((character) => !rule.allowedCharacter.test(character));
      if (disallowed !== undefined) {
        const bad = await capture(
          adapter().doCreateTask({
            task: explicitTask(ids, `${uniqueName()}${disallowed}`),
            operation: firstOperation(),
          }),
        );
        expect(FleetcastError.isInstance(bad)).toBe(true);
      }
    });

    // One case over the kinds the context can inject (which kinds those are is known only after `setup`);
    // a kind the platform documents no code for is not claimed, and at least one kind must be injectable.
    it('maps every injected failure to its PlatformError.kind', async () => {
      const faults = errorKinds.flatMap((kind) => {
        const inject = ctx().injectFault?.[kind];
        return inject === undefined ? [] : [[kind, inject] as const];
      });
      expect(faults.length, 'the context injects at least one failure kind').toBeGreaterThan(0);
      for (const [kind, inject] of faults) {
        try {
          const fault = await inject();
          const target = fault?.adapter ?? adapter();
          const failure = await capture(
            target.doCreateTask({ task: explicitTask(ctx().deviceIds(1)), operation: firstOperation() }),
          );
          expect(PlatformError.isInstance(failure), `${kind}: ${String(failure)}`).toBe(true);
          expect((failure as PlatformError).kind, kind).toBe(kind);
          expect((failure as PlatformError).adapter, kind).toBe(adapter().name);
        } finally {
          await ctx().resetFaults?.();
        }
      }
    });

    it('reports an existing name as nameExists when it declares rejectsDuplicateNames, and creates a second task when not', async () => {
      const task = explicitTask(ctx().deviceIds(1));
      const first = await adapter().doCreateTask({ task, operation: firstOperation() });
      if (adapter().capabilities.rejectsDuplicateNames) {
        const duplicate = await capture(adapter().doCreateTask({ task, operation: firstOperation() }));
        expect(duplicate).toMatchObject({ name: 'PlatformError', kind: 'nameExists' });
      } else {
        const second = await adapter().doCreateTask({ task, operation: firstOperation() });
        expect(second.taskId).not.toBe(first.taskId);
        expectCoherent(await adapter().doGetTask({ taskId: second.taskId }), second.taskId);
      }
    });

    it.for(['succeeded', 'partiallySucceeded', 'failed'] as const)(
      'normalizes a task that ended %s',
      async (outcome: ConformanceOutcome) => {
        const ids = ctx().deviceIds(4);
        const { taskId } = await adapter().doCreateTask({
          task: explicitTask(ids),
          operation: firstOperation(),
        });
        await ctx().completeTask(taskId, outcome);
        const status = await adapter().doGetTask({ taskId });
        expectCoherent(status, taskId);
        expect(status.state).toBe(outcome);
        expect(status.progress).toBe(1);
        expect(status.counts.pending + status.counts.running).toBe(0);
        if (outcome === 'succeeded') expect(status.counts.succeeded).toBe(4);
        if (outcome === 'failed') expect(status.counts.succeeded).toBe(0);
      },
    );

    it('finds a task by its exact name, and nothing for an unknown name (or has no doFindTaskByName at all)', async () => {
      const find = adapter().doFindTaskByName?.bind(adapter());
      if (find === undefined) {
        // Without the method the adapter says "cannot find by name" by absence alone, not by an undefined field.
        expect(Object.keys(adapter())).not.toContain('doFindTaskByName');
        return;
      }
      const campaign = campaignFor(firstOperation());
      const task = explicitTask(ctx().deviceIds(2));
      const { taskId } = await adapter().doCreateTask({
        task,
        operation: campaign.operation,
        policy: campaign.policy,
      });
      await expect(
        find({ name: task.name, operation: campaign.operation, policy: campaign.policy }),
      ).resolves.toEqual({ taskId });
      await expect(
        find({ name: uniqueName(), operation: campaign.operation, policy: campaign.policy }),
      ).resolves.toBeUndefined();
    });

    it('pages through every subtask exactly once (or has no doListTaskDevices at all)', async () => {
      const list = adapter().doListTaskDevices?.bind(adapter());
      if (list === undefined) {
        expect(Object.keys(adapter())).not.toContain('doListTaskDevices');
        return;
      }
      // Several pages of 3, within what one create may target.
      const ids = ctx().deviceIds(Math.min(7, adapter().capabilities.maxTargetsPerTask));
      const { taskId } = await adapter().doCreateTask({
        task: explicitTask(ids),
        operation: firstOperation(),
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const page = await list({ taskId, pageSize: 3, ...(cursor === undefined ? {} : { cursor }) });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((item) => item.deviceId));
        cursor = page.nextCursor;
        if (cursor === undefined) break;
      }
      expect(cursor).toBeUndefined();
      expect([...seen].sort()).toEqual([...ids].sort());
    });

    it('reports an unknown task as notFound', async () => {
      const failure = await capture(adapter().doGetTask({ taskId: '0123456789abcdef01234567' }));
      expect(failure).toMatchObject({ name: 'PlatformError', kind: 'notFound' });
    });

    options.additionalTests?.(ctx);

    it('never shows a secret in any error: message, stack, own fields or cause chain', async () => {
      // Provoke its own errors, one per injectable kind, so that the case holds when it runs alone (-t).
      const provoked: unknown[] = [];
      for (const kind of errorKinds) {
        const inject = ctx().injectFault?.[kind];
        if (inject === undefined) continue;
        try {
          const fault = await inject();
          const target = fault?.adapter ?? adapter();
          provoked.push(
            await capture(
              target.doCreateTask({ task: explicitTask(ctx().deviceIds(1)), operation: firstOperation() }),
            ),
          );
        } finally {
          await ctx().resetFaults?.();
        }
      }
      provoked.push(await capture(adapter().doGetTask({ taskId: '0123456789abcdef01234567' })));
      const tooLong = 'x'.repeat(adapter().capabilities.taskNameRule.maxLength + 1);
      provoked.push(
        await capture(
          adapter().doCreateTask({
            task: explicitTask(ctx().deviceIds(1), tooLong),
            operation: firstOperation(),
          }),
        ),
      );
      const raised = provoked.filter((error) => error !== undefined);
      expect(raised.length).toBeGreaterThanOrEqual(2);
      for (const error of new Set([...raised, ...errors])) {
        const text = errorLeakText(error);
        for (const secret of ctx().secrets) {
          expect(text.includes(secret), `a secret shows in ${String(error)}`).toBe(false);
        }
      }
    });
  });
}

/**
 * Everything an error would show once logged or serialised: message, stack, own enumerable fields
 * (JSON), and the same for each `cause` and aggregated error, to any depth. For leak checks in tests.
 */
export function errorLeakText(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (seen.has(value)) return;
    seen.add(value);
    if (typeof value !== 'object' || value === null) {
      parts.push(String(value));
      return;
    }
    const record = value as { message?: unknown; stack?: unknown; cause?: unknown; errors?: unknown };
    parts.push(String(record.message), String(record.stack), safeJson(value));
    for (const key of Object.keys(value)) {
      const field = (value as Record<string, unknown>)[key];
      if (typeof field === 'object' && field !== null) visit(field);
    }
    if ('cause' in record) visit(record.cause);
    if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner);
  };
  visit(error);
  return parts.join('\n');
}

/** JSON of the own enumerable fields; repeated objects (cycles) and bigints become markers instead of throwing. */
function safeJson(value: object): string {
  const seen = new Set<unknown>();
  try {
    return JSON.stringify(value, (_key, field: unknown) => {
      if (typeof field === 'bigint') return `${field}n`;
      if (typeof field === 'object' && field !== null) {
        if (seen.has(field)) return '[seen]';
        seen.add(field);
      }
      return field;
    });
  } catch {
    return '[unserialisable]';
  }
}

function expectCoherent(status: TaskStatusV1, taskId: string): void {
  expect(status.taskId).toBe(taskId);
  expect(taskStates).toContain(status.state);
  expect(status.progress).toBeGreaterThanOrEqual(0);
  expect(status.progress).toBeLessThanOrEqual(1);
  // `waitingRetry` is a part of `running`, not a seventh state.
  const { total, waitingRetry, ...parts } = status.counts;
  expect(Object.values(parts).reduce((sum, value) => sum + value, 0)).toBe(total);
  expect(waitingRetry ?? 0).toBeLessThanOrEqual(status.counts.running);
  if (terminalTaskStates.has(status.state)) expect(status.progress).toBe(1);
  expect(status.raw).toBeDefined();
}
