import { type Campaign, CallBudget, runCampaign, scaledClock } from '@fleetcast/core';
import { type RequestLogEntry, type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fleetCampaign,
  simulatorAdapter,
  simulatorInvariants,
  smallTasks,
} from './__test-helpers__/runner-simulator-kit.js';

// Simulated time runs 2,000× real time: a 60 s rate window lasts 30 real ms.
const timeScale = 2_000;
const windowMs = 60_000;
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 600, seed: 23, timeScale });
});
afterAll(() => sim.close());

/** The platform's own view: the most requests of one API that arrived within any 60 s (simulated). */
function busiestWindow(entries: readonly RequestLogEntry[], api: 'legacy' | 'v5'): number {
  const times = entries
    .filter((entry) => entry.route.startsWith(`${api}.`))
    .map((entry) => entry.at)
    .sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while ((times[last] as number) - (times[first] as number) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

function countRoute(entries: readonly RequestLogEntry[], route: string): number {
  return entries.filter((entry) => entry.route === route).length;
}

describe('every platform request draws from the call budget (simulator, small rate limit)', () => {
  it('legacy: logins and re-logins as tokens expire are metered; no throttle, no window above the limit', async () => {
    sim.reset();
    const limit = 12;
    // A 120 s token (simulated): at 2,000× it expires every 60 real ms, so the run logs in many times.
    sim.configure({
      rateLimit: { calls: limit, windowMs },
      tokenLifetimeMs: { legacy: 120_000 },
      deviceRatePerSecond: 0.5,
    });
    const campaign = fleetCampaign(sim, 120, 'metered_legacy');
    const report = await runCampaign(campaign, {
      adapter: simulatorAdapter(sim, 'legacy', { rateLimitPerMinute: limit }),
      clock: scaledClock(sim.clock),
      plan: smallTasks(10),
    }).result;
    const log = sim.requests();
    expect(simulatorInvariants(sim, report, (campaign.target as { deviceIds: string[] }).deviceIds)).toEqual(
      [],
    );
    expect(report.throttles).toBe(0);
    // The adapter reads expiry on the real clock, the simulator on its 2,000× one: most renewals start
    // with a request refused for an expired token (1010005), then a login and the same request again.
    const refused = log.filter((entry) => entry.outcome === 403).length;
    const logins = countRoute(log, 'legacy.login');
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(logins).toBeGreaterThanOrEqual(2);
    expect(log.filter((entry) => ![200, 201, 403].includes(entry.outcome as number))).toEqual([]);
    // Each login and each request sent again after one drew from the budget as `auth`. At most one resend
    // follows a login; on a loaded machine the new token can expire before that resend arrives (60 real ms),
    // and the runner then retries the call as an ordinary one, so resends number between 1 and `refused`.
    expect(report.apiCalls.auth).toBeGreaterThanOrEqual(logins + 1);
    expect(report.apiCalls.auth).toBeLessThanOrEqual(logins + refused);
    // The runner counted every request the platform saw, and the platform never saw too many at once.
    expect(report.apiCalls.total).toBe(log.length);
    expect(busiestWindow(log, 'legacy')).toBeLessThanOrEqual(limit);
  });

  it('v5: directory pages while planning and further find-by-name pages are metered; no throttle, no window above the limit', async () => {
    sim.reset();
    const limit = 30;
    sim.configure({
      rateLimit: { calls: limit, windowMs },
      unfinishedTaskLimit: { v5: 1_000 },
      deviceRatePerSecond: 5,
    });
    const adapter = simulatorAdapter(sim, 'v5', { rateLimitPerMinute: limit });
    const clock = scaledClock(sim.clock);
    const budget = new CallBudget({ callsPerMinute: limit, clock });
    // 110 older tasks of the same type: a look-up for a name that does not exist walks 3 pages of 50.
    const decoy = fleetCampaign(sim, 1, 'decoy');
    for (let index = 0; index < 110; index++) {
      await budget.run('create', () =>
        adapter.doCreateTask({
          task: { kind: 'explicit', name: `decoy_${index}`, index, deviceIds: [sim.fleet.deviceId(0)] },
          operation: decoy.operation,
          policy: decoy.policy,
        }),
      );
    }
    const runStartedAt = sim.clock.now();
    // The campaign's first create is cut before the platform sees it: the runner must look it up by name.
    sim.faults.set('v5.createTask', { script: ['reset'] });
    const campaign: Campaign = {
      name: 'metered_v5',
      target: { type: 'DeviceType', deviceType: 'WaterMeter' },
      operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: { delay: 0 } },
    };
    const report = await runCampaign(campaign, {
      adapter,
      clock,
      budget,
      plan: smallTasks(40),
    }).result;
    sim.faults.clear();
    const all = sim.requests();
    const log = all.filter((entry) => entry.at >= runStartedAt);
    expect(report.status).toBe('completed');
    expect(report.throttles).toBe(0);
    expect(report.apiCalls.find).toBe(1);
    // The look-up walked past its first page (a create reset before commit left no task of that name).
    expect(countRoute(log, 'v5.listTasks')).toBeGreaterThanOrEqual(3);
    const directoryPages = countRoute(log, 'v5.listDevices') + countRoute(log, 'v5.listProducts');
    expect(directoryPages).toBeGreaterThan(1);
    expect(report.apiCalls.page).toBe(directoryPages + countRoute(log, 'v5.listTasks') - 1);
    expect(report.apiCalls.total).toBe(log.length);
    expect(report.tasks.length).toBeGreaterThan(1);
    expect(report.tasks.every((task) => task.created === true)).toBe(true);
    // Exactly once despite the reset: one platform task per planned task, no duplicate names.
    const platformNames = sim
      .tasks()
      .map((task) => task.taskName)
      .filter((name) => name.startsWith('metered_v5'));
    expect(platformNames.sort()).toEqual(report.tasks.map((task) => task.name).sort());
    // Decoys and campaign shared the budget: the platform never saw more than the limit in 60 s.
    expect(busiestWindow(all, 'v5')).toBeLessThanOrEqual(limit);
  });
});
