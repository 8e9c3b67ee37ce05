import { expect, it } from 'vitest';
import type { TaskPlanV1 } from '../src/index.js';
import { CampaignValidationError, createVirtualClock, PlatformError } from '../src/index.js';
import type { NativeTarget, TargetType } from '../src/campaign/target-spec.js';
import {
  type AdapterConformanceContext,
  type ConformanceOutcome,
  createMemoryAdapter,
  describeAdapterConformance,
  type MemoryAdapter,
  type MemoryAdapterOptions,
  type MemoryFault,
} from '../src/testing/index.js';

const taskDurationMs = 60_000;
const samples: Partial<Record<TargetType, NativeTarget>> = {
  DeviceType: { type: 'DeviceType', deviceType: 'WaterMeter' },
  DeviceArea: { type: 'DeviceArea', location: 'Shenzhen' },
  GroupList: { type: 'GroupList', groupNames: ['meters'] },
  GroupIdList: { type: 'GroupIdList', groupIds: ['g1'] },
  Broadcast: { type: 'Broadcast' },
  Filter: { type: 'Filter', groupIds: ['g1'] },
};

/**
 * A fresh memory platform for the suite. Limits the suite does not test (calls/minute, unfinished tasks)
 * are enforced far above what it needs, as the v5 suite does with the simulator; the declared
 * capabilities stay what the adapter checks.
 */
function memoryContext(capabilities?: MemoryAdapterOptions['capabilities']): AdapterConformanceContext {
  const clock = createVirtualClock();
  const outcomes = new Map<string, 'succeeded' | 'failed'>();
  let armed: MemoryFault | undefined;
  let nextDevice = 0;
  const options = {
    clock,
    taskDurationMs,
    enforcedRateLimitPerMinute: 1_000_000,
    enforcedMaxUnfinishedTasks: 1_000_000,
    deviceOutcome: (deviceId: string) => outcomes.get(deviceId) ?? 'succeeded',
    fault: (route: string) => {
      if (route !== 'create') return undefined;
      const fault = armed;
      armed = undefined;
      return fault;
    },
    ...(capabilities === undefined ? {} : { capabilities }),
  };
  const adapter: MemoryAdapter = createMemoryAdapter(options);
  const arm = (type: 'server' | 'network' | 'throttled' | 'taskLimit') => () => {
    armed = { type };
  };
  return {
    adapter,
    secrets: [],
    // Fresh IDs on every call, so an outcome set for one task's devices touches no other task.
    deviceIds: (count) => Array.from({ length: count }, () => `meter_${nextDevice++}`),
    sampleTarget: (type) => samples[type],
    // No auth or notFound fault: the memory platform has no credentials and a create has no not-found
    // condition (the unknown-task case covers notFound); nameExists has its own case. Skips, not passes.
    injectFault: {
      throttled: arm('throttled'),
      taskLimit: arm('taskLimit'),
      server: arm('server'),
      network: arm('network'),
      // A real refusal, not a scripted one: the suite's names are longer than this platform allows.
      invalidInput: () => ({
        adapter: createMemoryAdapter({
          ...options,
          capabilities: {
            ...capabilities,
            taskNameRule: { maxLength: 3, allowedCharacter: /[a-z]/u, description: 'a–z' },
          },
        }),
      }),
    },
    resetFaults: () => {
      armed = undefined;
    },
    async completeTask(taskId, outcome: ConformanceOutcome) {
      const task = adapter.tasks.find((candidate) => candidate.taskId === taskId);
      const ids = task?.deviceIds ?? [];
      ids.forEach((id, position) => {
        const fails = outcome === 'failed' || (outcome === 'partiallySucceeded' && position % 2 === 1);
        outcomes.set(id, fails ? 'failed' : 'succeeded');
      });
      await clock.sleep(taskDurationMs);
    },
  };
}

describeAdapterConformance({
  name: 'memory adapter, default capabilities',
  setup: async () => memoryContext(),
});

const narrow: MemoryAdapterOptions['capabilities'] = {
  nativeSelectors: ['DeviceType'],
  supportedOperations: ['command', 'freezeDevices'],
  maxTargetsPerTask: 5,
  taskNameRule: { maxLength: 24, allowedCharacter: /[a-z0-9]/u, description: 'a–z and 0–9' },
  findTaskByName: false,
  rejectsDuplicateNames: false,
};

describeAdapterConformance({
  name: 'memory adapter, narrow capabilities',
  setup: async () => memoryContext(narrow),
  additionalTests(context) {
    const campaign = (type: 'command' | 'firmwareUpgrade') => ({
      name: 'narrow',
      target: { type: 'Broadcast' as const },
      operation:
        type === 'command'
          ? { type, serviceId: 'WaterMeter', commandName: 'SET_VALVE' }
          : { type, packageIds: ['32822e5744a45ede319d2c50'] },
    });
    const refusal = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(PlatformError.isInstance(error), String(error)).toBe(true);
      expect((error as PlatformError).kind).toBe('invalidInput');
      expect((error as PlatformError).retryable).toBe(false);
      return (error as PlatformError).message;
    };

    it('answers each refused create with invalidInput naming the field and the limit, creating nothing', async () => {
      const adapter = context().adapter as MemoryAdapter;
      const before = adapter.tasks.length;
      const ids = context().deviceIds(6);
      const explicit = (name: string, deviceIds: readonly string[]): TaskPlanV1 => ({
        kind: 'explicit',
        name,
        index: 0,
        deviceIds: [...deviceIds],
      });

      const operation = await refusal(
        adapter.doCreateTask({ ...campaign('firmwareUpgrade'), task: explicit('okname', ids.slice(0, 1)) }),
      );
      expect(operation).toContain('operation.type');
      expect(operation).toContain('firmwareUpgrade');
      expect(operation).toContain('command, freezeDevices');

      const tooMany = await refusal(
        adapter.doCreateTask({ ...campaign('command'), task: explicit('okname', ids) }),
      );
      expect(tooMany).toContain('task.deviceIds');
      expect(tooMany).toContain('1–5');
      expect(tooMany).toContain('got 6');
      const none = await refusal(
        adapter.doCreateTask({ ...campaign('command'), task: explicit('okname', []) }),
      );
      expect(none).toContain('got 0');

      const long = await refusal(
        adapter.doCreateTask({ ...campaign('command'), task: explicit('x'.repeat(25), ids.slice(0, 1)) }),
      );
      expect(long).toContain('task.name');
      expect(long).toContain('at most 24 characters');
      const upper = await refusal(
        adapter.doCreateTask({ ...campaign('command'), task: explicit('Okname', ids.slice(0, 1)) }),
      );
      expect(upper).toContain('"O"');
      expect(upper).toContain('a–z and 0–9');

      const broadcast = await refusal(
        adapter.doCreateTask({
          ...campaign('command'),
          task: { kind: 'native', name: 'okname', index: 0, target: { type: 'Broadcast' } },
        }),
      );
      expect(broadcast).toContain('target.type "Broadcast"');
      expect(broadcast).toContain('DeviceType');

      expect(adapter.tasks.length).toBe(before);
      expect(adapter.calls.slice(-6).map((call) => call.outcome)).toEqual(Array(6).fill('invalidInput'));
    });

    it('refuses the same in buildCreateRequest, as a CampaignValidationError on the field', () => {
      const adapter = context().adapter;
      const ids = context().deviceIds(6);
      let thrown: unknown;
      try {
        adapter.buildCreateRequest(
          { kind: 'explicit', name: 'okname', index: 0, deviceIds: [...ids] },
          campaign('command'),
        );
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CampaignValidationError);
      expect((thrown as CampaignValidationError).issues.map((issue) => issue.path)).toEqual([
        'task.deviceIds',
      ]);
    });
  },
});
