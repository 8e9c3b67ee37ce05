import {
  type Campaign,
  type ListingProgressEvent,
  type ListingRetryingEvent,
  runCampaign,
  scaledClock,
} from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorAdapter } from './__test-helpers__/runner-simulator-kit.js';

// Simulated time runs 2,000× real time: back-offs and 60 s windows pass in milliseconds.
const timeScale = 2_000;
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 400, seed: 41, timeScale });
});
afterAll(() => sim.close());

const campaign: Campaign = {
  name: 'listing_faults',
  target: { type: 'DeviceType', deviceType: 'WaterMeter' },
  operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: {} },
};

function listingEvents(run: ReturnType<typeof runCampaign>) {
  const retrying: ListingRetryingEvent[] = [];
  const progress: ListingProgressEvent[] = [];
  run.on('listing-retrying', (event) => retrying.push(event));
  run.on('listing-progress', (event) => progress.push(event));
  return { retrying, progress };
}

describe('directory pages are platform calls: retried under the retry policy', () => {
  it.each([
    ['throttled at 50 %', { throttleRate: 0.5 }],
    ['answering 500 at 40 %', { serverErrorRate: 0.4 }],
    ['resetting at 30 %', { resetRate: 0.3 }],
  ])('plans and runs a DeviceType target whose device listing is %s', async (_what, rule) => {
    sim.reset();
    sim.configure({ unfinishedTaskLimit: { v5: 1_000 }, deviceRatePerSecond: 50 });
    sim.faults.set('v5.listDevices', rule);
    const run = runCampaign(campaign, {
      adapter: simulatorAdapter(sim, 'v5'),
      clock: scaledClock(sim.clock),
      retry: { random: () => 0.5, maxAttempts: 20 },
    });
    const { retrying, progress } = listingEvents(run);
    const report = await run.result;
    sim.faults.clear();
    expect(report.status).toBe('completed');
    expect(retrying.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.pages).toBeGreaterThan(1);
    expect(progress.at(-1)?.devices).toBeGreaterThan(0);
    let expected = 0;
    for (let index = 0; index < sim.fleet.size; index++)
      if (sim.fleet.productOf(index).deviceType === 'WaterMeter') expected += 1;
    expect(report.totals.targeted).toBe(expected);
    if ('throttleRate' in rule) expect(report.throttles).toBeGreaterThan(0);
  });

  it('ends a run whose listing keeps failing with a report (status failed, the platform code), not a rejection', async () => {
    sim.reset();
    sim.configure({ unfinishedTaskLimit: { v5: 1_000 } });
    // The first pages (products, devices) pass, then every listing page answers 500.
    sim.faults.set('v5.listDevices', { script: ['none'], serverErrorRate: 1 });
    const run = runCampaign(campaign, {
      adapter: simulatorAdapter(sim, 'v5'),
      clock: scaledClock(sim.clock),
      retry: { random: () => 0.5, maxAttempts: 3 },
      plan: async function* (c, options) {
        const { planStream } = await import('@fleetcast/core');
        yield* planStream(c, { ...options, maxTargetsPerTask: 10 });
      },
    });
    const { retrying } = listingEvents(run);
    const report = await run.result;
    sim.faults.clear();
    expect(report.status).toBe('failed');
    expect(report.failure).toMatchObject({ code: 'FLEETCAST_PLATFORM_SERVER', kind: 'server' });
    expect(retrying).toHaveLength(2);
  });

  it('stops at once when cancelled while a listing page is in flight: a cancelled report, not a rejection', async () => {
    sim.reset();
    sim.configure({ unfinishedTaskLimit: { v5: 1_000 } });
    // Each listing page takes 10 real seconds: the cancel arrives while one is in flight.
    sim.faults.set('v5.listDevices', { latencyMs: 10_000 });
    const controller = new AbortController();
    const run = runCampaign(campaign, {
      adapter: simulatorAdapter(sim, 'v5'),
      clock: scaledClock(sim.clock),
      signal: controller.signal,
    });
    run.on('listing-progress', () => controller.abort(new Error('SIGINT received')));
    const started = performance.now();
    const report = await run.result;
    sim.faults.clear();
    expect(report.status).toBe('cancelled');
    expect(report.tasks).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
