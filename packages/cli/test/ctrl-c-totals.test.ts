import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Campaign, CampaignReport, CampaignRun, DeviceTotals } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { createCliContext } from '../src/cli-context.js';
import { countKnownPlan } from '../src/count-known-plan.js';
import { openDeviceFile } from '../src/device-file-directory.js';
import { platformAdapterInfo } from '../src/platform-adapter.js';
import { TerminalProgressView } from '../src/progress/terminal-progress-view.js';
import { watchCampaignRun } from '../src/watch-campaign-run.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

const operation: Campaign['operation'] = { type: 'firmwareUpgrade', packageIds: ['p1'] };
const v5 = await platformAdapterInfo('v5');

const totals = (patch: Partial<DeviceTotals>): DeviceTotals => ({
  targeted: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  stopped: 0,
  unknown: 0,
  notCreated: 0,
  ...patch,
});

/** What a Ctrl-C while planning leaves: 3 of 4 tasks planned (90,000 of 100,000 devices), 2 created. */
const cancelled: CampaignReport = {
  campaignId: 'c1',
  campaignName: 'fw',
  adapter: 'v5',
  status: 'cancelled',
  resumed: false,
  planComplete: false,
  tasks: [0, 1, 2].map((index) => ({
    index,
    name: `fw_part${index + 1}`,
    kind: 'explicit',
    targets: 30_000,
    state: index < 2 ? 'running' : 'pending',
    created: index < 2,
  })) as CampaignReport['tasks'],
  totals: totals({ targeted: 90_000, unknown: 60_000, notCreated: 30_000 }),
  apiCalls: { create: 2, poll: 0, find: 0, total: 2 },
  throttles: 0,
  retries: 0,
  wallTimeMs: 5_000,
};

async function watch(report: CampaignReport, knownPlan?: { tasks: number; devices: number }) {
  const io = collectingIo();
  const run = { on: () => run, result: Promise.resolve(report) } as unknown as CampaignRun;
  await watchCampaignRun(createCliContext(io), run, {
    view: undefined,
    label: 'fw',
    json: false,
    resumeCommand: 'fleetcast resume --journal j.jsonl',
    ...(knownPlan ? { knownPlan } : {}),
  });
  return { stdout: io.stdout.text(), stderr: io.stderr.text() };
}

describe('the Ctrl-C report', () => {
  it('counts a known plan up front: a device list and a fleet file, never a platform listing', async () => {
    const ids = Array.from({ length: 100_000 }, (_, index) => `dev-${index}`);
    const list = { name: 'fw', target: { type: 'DeviceList', deviceIds: ids }, operation } as Campaign;
    expect(await countKnownPlan(list, v5, undefined, { fromFile: false })).toEqual({
      tasks: 4,
      devices: 100_000,
    });

    const folder = mkdtempSync(join(tmpdir(), 'fleetcast-known-plan-'));
    writeFileSync(
      join(folder, 'fleet.jsonl'),
      Array.from({ length: 50 }, (_, index) =>
        JSON.stringify({ id: `m${index}`, deviceType: index % 5 ? 'Meter' : 'Valve' }),
      ).join('\n'),
    );
    const file = await openDeviceFile('fleet.jsonl', folder);
    const byType = { name: 'fw', target: { type: 'DeviceType', deviceType: 'Meter' }, operation } as Campaign;
    expect(await countKnownPlan(byType, v5, file, { fromFile: true })).toEqual({ tasks: 1, devices: 40 });
    expect(await countKnownPlan(byType, v5, undefined, { fromFile: false })).toBeUndefined();
  });

  it('with a known plan, gives the plan’s totals, not the part planned before Ctrl-C', async () => {
    const { stdout, stderr } = await watch(cancelled, { tasks: 4, devices: 100_000 });
    expect(stderr).toContain('Stopped cleanly: 2 of 4 planned task(s) created and journaled');
    expect(stdout).toContain(
      '  plan:      4 tasks, 100,000 devices in all; the run planned 3 task(s) before it stopped',
    );
    expect(stdout).toContain('  devices:   90,000 targeted so far,');
  });

  it('with a streamed plan, says the figures are so far', async () => {
    const { stdout, stderr } = await watch(cancelled);
    expect(stderr).toContain('Stopped cleanly: 2 of 3 task(s) planned so far created and journaled');
    expect(stdout).toContain('not read to its end before the run stopped');
    const complete = await watch({ ...cancelled, planComplete: true });
    expect(complete.stderr).toContain('Stopped cleanly: 2 of 3 planned task(s) created');
    expect(complete.stdout).not.toContain('so far');
  });

  it('the overall bar’s percentage and planned tasks use the known plan', () => {
    const chunks: string[] = [];
    const sink = { isTTY: true, columns: 160, write: (text: string) => chunks.push(text) };
    const listeners = new Map<string, (event: unknown) => void>();
    const run = {
      on(name: string, listener: (event: unknown) => void) {
        listeners.set(name, listener);
        return run;
      },
    };
    const view = new TerminalProgressView(sink);
    view.attach(run as never, 'fw', { knownPlan: { tasks: 4, devices: 100_000 } });
    listeners.get('campaign-progress')?.({
      campaignId: 'c1',
      at: 1,
      tasksPlanned: 3,
      planComplete: false,
      tasksCreated: 2,
      tasksTerminal: 0,
      tasksFailed: 0,
      devices: totals({ targeted: 90_000, succeeded: 45_000, unknown: 15_000, notCreated: 30_000 }),
      apiCalls: 2,
      throttles: 0,
      elapsedMs: 1,
    });
    view.close();
    expect(chunks.join('')).toMatch(/fw +\[█+░+\] +45% \| tasks 2\/4 created/);
  });
});
