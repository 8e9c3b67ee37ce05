import { describe, expect, it } from 'vitest';
import {
  type Campaign,
  createVirtualClock,
  type DeviceRecord,
  InMemoryDirectory,
  MemoryCampaignStore,
  resumeCampaign,
  runCampaign,
  type UnevaluableDevice,
} from '../src/index.js';
import { createMemoryAdapter } from '../src/testing/index.js';

/** 30 devices: every third has no `firmware` fact; firmware cycles 1, 2, 3 among the rest. */
function fleet(): DeviceRecord[] {
  return Array.from({ length: 30 }, (_, index) => ({
    id: `d${index}`,
    deviceType: 'WaterMeter',
    facts: index % 3 === 0 ? {} : { firmware: (index % 4) + 1 },
  }));
}

const campaign: Campaign = {
  name: 'rules_run',
  target: { type: 'Rules', conditions: { all: [{ fact: 'firmware', operator: 'lessThan', value: 3 }] } },
  operation: { type: 'command', serviceId: 'svc', commandName: 'reboot' },
};

/** IDs the rule matches: with the fact present and below 3. */
const matching = fleet()
  .filter((device) => typeof device.facts?.firmware === 'number' && device.facts.firmware < 3)
  .map((device) => device.id);
const lacking = fleet()
  .filter((device) => device.facts?.firmware === undefined)
  .map((device) => device.id);

function setup() {
  const clock = createVirtualClock();
  const adapter = createMemoryAdapter({ clock, capabilities: { maxTargetsPerTask: 4 } });
  return { clock, adapter, directory: new InMemoryDirectory(fleet()) };
}

describe('a Rules target in the runner', () => {
  it('by default treats a missing fact as undefined: no device unevaluable, none reported', async () => {
    const { clock, adapter, directory } = setup();
    const report = await runCampaign(campaign, { adapter, clock, directory }).result;
    const created = adapter.tasks.flatMap((task) => task.deviceIds ?? []);
    expect(created.sort()).toEqual([...matching].sort());
    expect(report.unevaluable).toBeUndefined();
    expect(report.status).toBe('completed');
  });

  it('in strict mode counts the devices lacking the fact in the report and passes each to onUnevaluable', async () => {
    const { clock, adapter, directory } = setup();
    const received: UnevaluableDevice[] = [];
    const report = await runCampaign(campaign, {
      adapter,
      clock,
      directory,
      rules: { strict: true, onUnevaluable: (device) => received.push(device) },
    }).result;
    // The run completes: a strict rule never fails it halfway after some tasks were created.
    expect(report.status).toBe('completed');
    expect(adapter.tasks.flatMap((task) => task.deviceIds ?? []).sort()).toEqual([...matching].sort());
    expect(received.map((device) => device.deviceId).sort()).toEqual([...lacking].sort());
    expect(report.unevaluable?.devices).toBe(lacking.length);
    expect(report.unevaluable?.examples).toEqual(received.slice(0, 5));
    expect(report.unevaluable?.examples[0]?.reason).toMatch(/firmware/);
  });

  it('keeps only a few examples, and counts every unevaluable device even without a handler', async () => {
    const { clock, adapter, directory } = setup();
    const report = await runCampaign(campaign, { adapter, clock, directory, rules: { strict: true } }).result;
    expect(report.unevaluable?.devices).toBe(lacking.length);
    expect(report.unevaluable?.examples).toHaveLength(5);
    for (const example of report.unevaluable?.examples ?? []) expect(lacking).toContain(example.deviceId);
  });

  it('resumes with the same rule options to the same tasks, and counts the unevaluable devices again', async () => {
    const { clock, adapter, directory } = setup();
    const store = new MemoryCampaignStore();
    const controller = new AbortController();
    const run = runCampaign(campaign, {
      adapter,
      clock,
      directory,
      store,
      campaignId: 'rules',
      signal: controller.signal,
      rules: { strict: true },
    });
    run.once('task-created', () => controller.abort());
    const first = await run.result;
    expect(first.status).toBe('cancelled');
    const resumed = await resumeCampaign('rules', {
      adapter,
      clock,
      directory,
      store,
      rules: { strict: true },
    }).result;
    expect(resumed.status).toBe('completed');
    const created = adapter.tasks.flatMap((task) => task.deviceIds ?? []);
    expect(created.sort()).toEqual([...matching].sort());
    expect(new Set(adapter.tasks.map((task) => task.name)).size).toBe(adapter.tasks.length);
    expect(resumed.unevaluable?.devices).toBe(lacking.length);
  });
});
