import { createV5Adapter } from '@fleetcast/adapter-v5';
import { runCampaign, scaledClock } from '@fleetcast/core';
import { type RequestLogEntry, type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetCampaign, smallTasks } from './__test-helpers__/runner-simulator-kit.js';

// Simulated time runs 100× real time: a 60 s rate window lasts 600 real ms, long enough for 8 independent
// budgets to crowd more than the limit into one window.
const timeScale = 100;
const windowMs = 60_000;
const limit = 20;
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 400, seed: 31, timeScale });
});
afterAll(() => sim.close());

function busiestWindow(entries: readonly RequestLogEntry[]): number {
  const times = entries
    .filter((entry) => entry.route.startsWith('v5.'))
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

/** 8 campaigns side by side, each on its own adapter object for the same v5 project (one per request). */
async function eightAdapters(shareBudget: boolean | undefined) {
  sim.reset();
  sim.configure({
    rateLimit: { calls: limit, windowMs },
    unfinishedTaskLimit: { v5: 1_000 },
    deviceRatePerSecond: 5,
  });
  const clock = scaledClock(sim.clock);
  const adapters = Array.from({ length: 8 }, () =>
    createV5Adapter({
      endpoint: sim.url,
      projectId: sim.credentials.v5.projectId,
      token: sim.credentials.v5.token,
      rateLimitPerMinute: limit,
      ...(shareBudget === undefined ? {} : { shareBudget }),
    }),
  );
  const reports = await Promise.all(
    adapters.map((adapter, index) => {
      const campaign = fleetCampaign(sim, 40, `shared_${index}`);
      campaign.target = {
        type: 'DeviceList',
        deviceIds: Array.from({ length: 40 }, (_, n) => sim.fleet.deviceId(index * 40 + n)),
      };
      return runCampaign(campaign, {
        adapter,
        clock,
        plan: smallTasks(10),
        retry: { maxThrottleRetries: 1_000 },
      }).result;
    }),
  );
  await Promise.all(adapters.map((adapter) => adapter.close()));
  return { reports, log: sim.requests() };
}

describe('separate adapter objects for one application share its call budget', () => {
  it('by default: 8 adapters on one v5 project meet no throttle and never exceed the limit together', async () => {
    const { reports, log } = await eightAdapters(undefined);
    expect(reports.every((report) => report.status === 'completed')).toBe(true);
    expect(reports.reduce((sum, report) => sum + report.throttles, 0)).toBe(0);
    expect(log.filter((entry) => entry.outcome === 429)).toEqual([]);
    expect(busiestWindow(log)).toBeLessThanOrEqual(limit);
  });

  it('keys the application by endpoint and project, never by a secret', () => {
    const adapter = createV5Adapter({
      endpoint: 'https://iotda.example.com',
      projectId: 'p1',
      token: 'tok-secret-abcdef',
    });
    expect(adapter.applicationKey).toBe('v5 https://iotda.example.com project p1');
    expect(adapter.applicationKey).not.toContain('tok-secret');
    const separate = createV5Adapter({
      endpoint: 'https://iotda.example.com',
      projectId: 'p1',
      token: 't',
      shareBudget: false,
    });
    expect(separate.applicationKey).toBeUndefined();
  });

  it('with shareBudget: false each object keeps its own budget, and together they overrun the limit', async () => {
    const { reports, log } = await eightAdapters(false);
    expect(busiestWindow(log)).toBeGreaterThan(limit);
    expect(reports.reduce((sum, report) => sum + report.throttles, 0)).toBeGreaterThan(0);
  });
});
