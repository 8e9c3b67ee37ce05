import { type Simulator, startSimulator } from '../start-simulator.js';

/**
 * A native target in the shape of `@fleetcast/core`'s `NativeTarget` (written out here: the simulator
 * imports no fleetcast package).
 */
export type ConformanceTarget =
  | { type: 'DeviceType'; deviceType: string; manufacturerId?: string; model?: string }
  | { type: 'DeviceArea'; location: string }
  | { type: 'GroupList'; groupNames: string[] }
  | { type: 'GroupIdList' | 'Filter'; groupIds: string[] }
  | { type: 'Broadcast' };

/**
 * Everything of an adapter conformance context (`describeAdapterConformance` in `@fleetcast/core/testing`)
 * that depends on the platform, not on the adapter: spread it into the context and add the adapter, plus
 * the faults only the adapter can cause (a bad credential, a malformed request).
 */
export interface ConformanceSimulator {
  readonly simulator: Simulator;
  /** The platform credentials, which no error, event or log may show. */
  readonly secrets: readonly string[];
  deviceIds(count: number): readonly string[];
  /** A target of `type` the simulated fleet can answer, for the platform's native selectors. */
  sampleTarget(type: string): ConformanceTarget | undefined;
  /** The next create fails as the platform fails it: a throttle, a 5xx, a reset connection, and on legacy too many unfinished tasks. */
  readonly injectFault: { throttled(): void; server(): void; network(): void; taskLimit?(): void };
  resetFaults(): void;
  /** Finishes a task with the given outcome by advancing the simulated clock. */
  completeTask(taskId: string, outcome: 'succeeded' | 'partiallySucceeded' | 'failed'): void;
  teardown(): Promise<void>;
}

// Limits out of the way, nothing random: the suite injects every failure itself.
const unlimitedTasks = 1_000_000;

/**
 * Starts a simulator for the conformance suite of one API (`v5` or `legacy`): 30,001 devices (one more than
 * a task holds), a frozen clock, no random failures, no call or task limits.
 *
 * @example
 * const platform = await startConformanceSimulator('v5');
 * const adapter = createV5Adapter({ endpoint: platform.simulator.url, ... });
 * return { ...platform, adapter, teardown: async () => { await adapter.close(); await platform.teardown(); } };
 */
export async function startConformanceSimulator(api: 'v5' | 'legacy'): Promise<ConformanceSimulator> {
  const simulator = await startSimulator({
    devices: 30_001,
    timeScale: 0,
    seed: 5,
    rateLimit: { calls: 1_000_000_000 },
    unfinishedTaskLimit: { [api]: unlimitedTasks },
    failureProbability: 0,
    timeoutProbability: 0,
  });
  const { fleet } = simulator;
  const group = fleet.groups[0];
  const product = fleet.products[0];
  const createRoute = api === 'v5' ? 'v5.createTask' : 'legacy.createTask';
  const targets: Record<string, ConformanceTarget | undefined> =
    api === 'v5'
      ? {
          GroupIdList: group && { type: 'GroupIdList', groupIds: [group.groupId] },
          Filter: group && { type: 'Filter', groupIds: [group.groupId] },
          GroupList: group && { type: 'GroupList', groupNames: [group.name] },
        }
      : {
          DeviceType: product && {
            type: 'DeviceType',
            deviceType: product.deviceType,
            manufacturerId: product.manufacturerId,
            model: product.model,
          },
          DeviceArea: { type: 'DeviceArea', location: fleet.locations[0] ?? '' },
          GroupList: group && { type: 'GroupList', groupNames: [group.name] },
          GroupIdList: group && { type: 'GroupIdList', groupIds: [group.groupId] },
          Filter: group && { type: 'Filter', groupIds: [group.groupId] },
          Broadcast: { type: 'Broadcast' },
        };
  return {
    simulator,
    secrets: api === 'v5' ? [simulator.credentials.v5.token] : [simulator.credentials.legacy.secret],
    deviceIds: (count) => Array.from({ length: count }, (_, index) => fleet.deviceId(index)),
    sampleTarget: (type) => targets[type],
    injectFault: {
      throttled: () => simulator.faults.set(createRoute, { script: ['throttle'] }),
      server: () => simulator.faults.set(createRoute, { script: ['server-error'] }),
      network: () => simulator.faults.set(createRoute, { script: ['reset'] }),
      // Legacy answers 105001 (HTTP 200) past its unfinished-task limit; v5 documents no such code.
      ...(api === 'legacy'
        ? { taskLimit: () => simulator.configure({ unfinishedTaskLimit: { legacy: 1 } }) }
        : {}),
    },
    resetFaults() {
      simulator.faults.clear();
      simulator.configure({ unfinishedTaskLimit: { [api]: unlimitedTasks } });
    },
    completeTask(taskId, outcome) {
      simulator.configure({
        failureProbability: outcome === 'succeeded' ? 0 : outcome === 'failed' ? 1 : 0.5,
      });
      simulator.clock.advance(3_600_000);
      simulator.configure({ failureProbability: 0 });
      const status = simulator.task(taskId)?.status;
      if (status === undefined || !/Success|Fail|PartialSuccess|Complete/.test(status)) {
        throw new Error(`simulated task ${taskId} did not finish (status ${String(status)})`);
      }
    },
    teardown: () => simulator.close(),
  };
}
