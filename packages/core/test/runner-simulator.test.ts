import { MemoryCampaignStore, PlatformError, runCampaign, scaledClock } from '@fleetcast/core';
import { createV5Adapter } from '@fleetcast/adapter-v5';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fleetCampaign,
  simulatorAdapter,
  simulatorInvariants,
  smallTasks,
} from './__test-helpers__/runner-simulator-kit.js';
import { campaignEventNames } from './__test-helpers__/runner-test-kit.js';

// Simulated time runs 2,000× real time: a 60 s rate window lasts 30 real ms.
const timeScale = 2_000;
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 600, seed: 11, timeScale });
});
afterAll(() => sim.close());

const faultRule = fc.record({
  serverErrorRate: fc.constantFrom(0, 0.05, 0.1),
  throttleRate: fc.constantFrom(0, 0.05),
  resetRate: fc.constantFrom(0, 0.05, 0.1),
  commitThenDropRate: fc.constantFrom(0, 0.1, 0.2),
  latencyMs: fc.constantFrom(0, 3) as fc.Arbitrary<number>,
});

describe.each(['v5', 'legacy'] as const)('runner against the simulator with the %s adapter', (api) => {
  it('keeps the invariants under seeded faults on every route', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 240 }),
        fc.integer({ min: 10, max: 60 }),
        fc.integer({ min: 1, max: 4 }),
        faultRule,
        fc.integer(),
        fc.constantFrom(0.5, 5, 50),
        async (devices, perTask, unfinishedLimit, faults, seed, deviceRatePerSecond) => {
          sim.reset();
          sim.configure({
            unfinishedTaskLimit: { legacy: unfinishedLimit, v5: unfinishedLimit },
            deviceRatePerSecond,
          });
          sim.faults.set('*', faults);
          const campaign = fleetCampaign(sim, devices, `camp_${api}_${(seed >>> 0).toString(36)}`);
          const report = await runCampaign(campaign, {
            adapter: simulatorAdapter(sim, api),
            clock: scaledClock(sim.clock),
            store: new MemoryCampaignStore(),
            plan: smallTasks(perTask),
            retry: { baseDelayMs: 200, maxDelayMs: 5_000, maxAttempts: 12 },
          }).result;
          sim.faults.clear();
          const targeted = campaign.target.type === 'DeviceList' ? campaign.target.deviceIds : [];
          expect(simulatorInvariants(sim, report, targeted)).toEqual([]);
          expect(report.status).toBe('completed');
          // Every task was created and followed to a terminal state (legacy: or adopted without an ID).
          for (const task of report.tasks) {
            expect(task.created).toBe(true);
            expect([
              'succeeded',
              'partiallySucceeded',
              'failed',
              'timedOut',
              ...(api === 'legacy' ? ['unknown'] : []),
            ]).toContain(task.state);
          }
          expect(report.tasks.filter((task) => task.taskId !== undefined).length).toBeGreaterThan(0);
          // Legacy tokens expire every ~1.8 real s here: every login and re-login draws from the budget
          // (counted as `auth`), which is what keeps throttles at 0.
          if (faults.throttleRate === 0) expect(report.throttles).toBe(0);
          if (api === 'legacy') expect(report.apiCalls.auth).toBeGreaterThanOrEqual(1);
          if (api === 'v5') expect(report.tasks.filter((task) => task.created === 'unknown')).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('runner against the simulator: limits', () => {
  it('on legacy, lowers its unfinished limit after 105001 and finishes every task', async () => {
    sim.reset();
    // 20 devices at 0.1/s: each task runs 200 s of simulated time, long enough to be in the way.
    sim.configure({ unfinishedTaskLimit: { legacy: 1 }, deviceRatePerSecond: 0.1 });
    const campaign = fleetCampaign(sim, 100, 'legacy_limit');
    const adapter = simulatorAdapter(sim, 'legacy', { maxUnfinishedTasks: 'unknown' });
    const create = adapter.doCreateTask.bind(adapter);
    const refusals: string[] = [];
    adapter.doCreateTask = async ({ task, ...o }) => {
      try {
        return await create({ task, ...o });
      } catch (error) {
        if (PlatformError.isInstance(error) && error.kind === 'taskLimit')
          refusals.push(error.platformCode ?? '');
        throw error;
      }
    };
    const report = await runCampaign(campaign, {
      adapter,
      clock: scaledClock(sim.clock),
      plan: smallTasks(20),
      concurrency: 1,
    }).result;
    // The runner starts at 10 (the adapter says unknown); one 105001 teaches it the limit, which it then keeps.
    expect(refusals).toEqual(['105001']);
    expect(report.tasks.map((task) => task.created)).toEqual([true, true, true, true, true]);
    expect(report.throttles).toBe(0);
    expect(simulatorInvariants(sim, report, (campaign.target as { deviceIds: string[] }).deviceIds)).toEqual(
      [],
    );
  });
});

describe('runner against the simulator: secrets', () => {
  it.each(['v5', 'legacy', 'v5 AK/SK'] as const)(
    'no %s secret or token appears in any event or in the report, even under faults',
    async (api) => {
      sim.reset();
      sim.configure({ deviceRatePerSecond: 50 });
      sim.faults.set('*', { serverErrorRate: 0.1, resetRate: 0.1, commitThenDropRate: 0.1 });
      const seen: string[] = [];
      // AK/SK: temporary keys, derived signing; every Authorization header sent is a secret too.
      const sentAuthorizations: string[] = [];
      const temporary = sim.credentials.v5.temporary;
      const adapter =
        api === 'v5 AK/SK'
          ? createV5Adapter({
              endpoint: sim.url,
              projectId: sim.credentials.v5.projectId,
              credentials: temporary,
              region: 'cn-north-4',
              requestTimeoutMs: 5_000,
              fetch: (url, init) => {
                const authorization = (init?.headers as Record<string, string>)?.Authorization;
                if (authorization) sentAuthorizations.push(authorization);
                return globalThis.fetch(url, init);
              },
            })
          : simulatorAdapter(sim, api);
      const run = runCampaign(fleetCampaign(sim, 60, `secret_${api.replace(/\W/g, '_')}`), {
        adapter,
        clock: scaledClock(sim.clock),
        plan: smallTasks(20),
        retry: { baseDelayMs: 200, maxAttempts: 12 },
      });
      for (const name of campaignEventNames)
        run.on(name, (event: unknown) => seen.push(JSON.stringify(event)));
      const report = await run.result;
      sim.faults.clear();
      seen.push(JSON.stringify(report));
      const text = seen.join('\n');
      expect(text).toContain(report.campaignId);
      expect(seen.some((event) => event.includes('"reason"'))).toBe(true);
      const signatures = sentAuthorizations.map((header) => header.split('Signature=')[1] ?? '');
      if (api === 'v5 AK/SK') expect(signatures.length).toBeGreaterThan(3);
      for (const secret of [
        sim.credentials.legacy.secret,
        sim.credentials.v5.token,
        sim.credentials.v5.password,
        sim.credentials.v5.secretKey,
        temporary.accessKey,
        temporary.secretKey,
        temporary.securityToken,
        ...signatures,
      ]) {
        expect(secret.length).toBeGreaterThan(8);
        expect(text).not.toContain(secret);
      }
    },
  );
});
