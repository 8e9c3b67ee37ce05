import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  campaignResults,
  createVirtualClock,
  type DeviceResult,
  MemoryCampaignStore,
  readCampaignStatus,
  resumeCampaign,
  retryCampaign,
  runCampaign,
  stopCampaign,
} from '../src/index.js';
import { createMemoryAdapter, type MemoryFault } from '../src/testing/index.js';
import { deviceCampaign, seededRandom } from './__test-helpers__/runner-test-kit.js';

type Step = 'resume' | 'kill' | 'stopSoft' | 'stopForce' | 'retryFailed' | 'retryCreateFailed' | 'wait';
const steps: Step[] = ['resume', 'kill', 'stopSoft', 'stopForce', 'retryFailed', 'retryCreateFailed', 'wait'];

async function collect(results: AsyncIterable<DeviceResult>): Promise<DeviceResult[]> {
  const all: DeviceResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

describe('operations model (memory platform, faults on every route)', () => {
  it('after any run / kill / resume / stop / retry sequence: every planned device once, in the platform’s state; no succeeded device retried; retries ≤ maxRetries; no task created twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          devices: fc.integer({ min: 1, max: 120 }),
          perTask: fc.integer({ min: 5, max: 40 }),
          seed: fc.integer(),
          faultRate: fc.constantFrom(0, 0.1, 0.25),
          platformRetry: fc.boolean(),
          platformStop: fc.boolean(),
          maxRetries: fc.integer({ min: 0, max: 2 }),
          killAt: fc.integer({ min: 0, max: 4 }),
          sequence: fc.array(fc.constantFrom(...steps), { maxLength: 6 }),
        }),
        async (scenario) => {
          const clock = createVirtualClock();
          const random = seededRandom(scenario.seed);
          let faultsOn = true;
          const laterRuns = new Map<string, 'succeeded' | 'failed'>();
          const firstRun = new Map<string, 'succeeded' | 'failed' | 'timedOut'>();
          const adapter = createMemoryAdapter({
            clock,
            capabilities: { maxTargetsPerTask: scenario.perTask },
            taskDurationMs: 120_000,
            trackRunsAcrossTasks: true,
            taskActions: {
              ...(scenario.platformRetry ? { retry: ['command'] } : {}),
              ...(scenario.platformStop ? { stop: ['command'] } : {}),
            },
            deviceOutcome: (id, attempt) => {
              if (attempt > 1) {
                // Decided once per run of a device: the platform answers the same on every read.
                const key = `${id}#${attempt}`;
                if (!laterRuns.has(key)) laterRuns.set(key, random() < 0.5 ? 'succeeded' : 'failed');
                return laterRuns.get(key) as 'succeeded';
              }
              if (!firstRun.has(id)) {
                const draw = random();
                firstRun.set(id, draw < 0.25 ? 'failed' : draw < 0.35 ? 'timedOut' : 'succeeded');
              }
              return firstRun.get(id) as 'succeeded';
            },
            fault: (route) => {
              if (!faultsOn || random() >= scenario.faultRate) return undefined;
              const types: MemoryFault['type'][] =
                route === 'create'
                  ? ['server', 'network', 'commitThenDrop', 'throttled', 'invalidInput']
                  : ['server', 'network', 'throttled'];
              return { type: types[Math.floor(random() * types.length)] } as MemoryFault;
            },
          });
          // Retries of the memory platform's own faults: patient enough that reads get through.
          const retry = { maxAttempts: 30, random: () => 0.5 };
          const store = new MemoryCampaignStore();
          const id = 'm';
          const kill = new AbortController();
          const run = runCampaign(deviceCampaign(scenario.devices), {
            adapter,
            clock,
            store,
            campaignId: id,
            signal: kill.signal,
            retry,
          });
          let created = 0;
          run.on('task-created', () => {
            created += 1;
            if (scenario.killAt > 0 && created === scenario.killAt) kill.abort();
          });
          await run.result;
          let stopped = false;
          let killNext = false;
          for (const step of scenario.sequence) {
            if (step === 'kill') killNext = true;
            else if (step === 'wait') await clock.sleep(60_000);
            else if (step === 'stopSoft' || step === 'stopForce') {
              await stopCampaign(id, {
                store,
                adapter,
                clock,
                retry,
                mode: step === 'stopSoft' ? 'soft' : 'force',
              });
              stopped = true;
            } else if (step === 'resume') {
              const signal = new AbortController();
              const resumed = resumeCampaign(id, { adapter, clock, store, retry, signal: signal.signal });
              if (killNext) resumed.on('task-created', () => signal.abort());
              killNext = false;
              await resumed.result;
            } else if (!stopped) {
              const status = await readCampaignStatus(id, { store });
              if (step === 'retryFailed' && !status.planComplete) continue;
              const retried = await retryCampaign(id, {
                adapter,
                clock,
                store,
                retry,
                what: step === 'retryFailed' ? 'failedDevices' : 'createFailed',
                maxRetries: scenario.maxRetries,
              });
              await retried.run.result;
            }
          }
          // Finish: follow everything to its end (a stopped campaign creates nothing more), then read.
          await resumeCampaign(id, { adapter, clock, store, retry }).result;
          await clock.sleep(3_600_000);
          const results = await collect(campaignResults(id, { adapter, store, clock, retry }));

          // The checks below read the platform directly, without faults.
          faultsOn = false;
          // The platform's own subtask list of a task, read once, paced below its rate limit.
          const listed = new Map<string, Map<string, string>>();
          const platformStates = async (taskId: string): Promise<Map<string, string>> => {
            let states = listed.get(taskId);
            if (states !== undefined) return states;
            states = new Map();
            let cursor: string | undefined;
            do {
              await clock.sleep(1_000);
              const page = await adapter.doListTaskDevices?.({
                taskId,
                ...(cursor === undefined ? {} : { cursor }),
              });
              for (const item of page?.items ?? []) states.set(item.deviceId, item.state);
              cursor = page?.nextCursor;
            } while (cursor !== undefined);
            listed.set(taskId, states);
            return states;
          };
          // No task created twice.
          const names = adapter.tasks.map((task) => task.name);
          expect(new Set(names).size).toBe(names.length);
          // Every planned device exactly once.
          const ids = results.map((result) => result.deviceId);
          expect(new Set(ids).size).toBe(ids.length);
          expect([...ids].sort()).toEqual(
            Array.from({ length: scenario.devices }, (_, index) => `d${index}`).sort(),
          );
          // Its state is the platform's, in the platform's latest task holding it.
          for (const result of results) {
            const holding = adapter.tasks.filter((task) => task.deviceIds?.includes(result.deviceId));
            const latest = holding.at(-1);
            if (latest === undefined) {
              expect(['notCreated', 'createFailed', 'unknown']).toContain(result.state);
              continue;
            }
            // A retry task that is not created yet (stopped before): the device's latest state is its old task's.
            if (result.taskId === undefined) {
              expect(result.state).toBe('unknown');
              continue;
            }
            expect(result.taskId).toBe(latest.taskId);
            expect(result.state).toBe((await platformStates(latest.taskId)).get(result.deviceId));
          }
          // Never a succeeded device retried; retries per device ≤ maxRetries.
          for (const [deviceId, outcome] of firstRun) {
            const holding = adapter.tasks.filter((task) => task.deviceIds?.includes(deviceId));
            const runs =
              holding.length +
              holding.reduce(
                (sum, task) =>
                  sum +
                  (task.retried.has(deviceId)
                    ? (task.retried.get(deviceId)?.attempt ?? 1) - (task.firstAttempt?.get(deviceId) ?? 1)
                    : 0),
                0,
              );
            if (outcome === 'succeeded') expect(runs).toBeLessThanOrEqual(1);
            expect(runs - 1).toBeLessThanOrEqual(scenario.maxRetries);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
