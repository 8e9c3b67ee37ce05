import type { CampaignReport, DeviceTotals } from '@fleetcast/core';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { formatCampaignReport } from '../src/format-campaign-report.js';
import type { CampaignEventSource } from '../src/progress/campaign-event-source.js';
import { onWaveEvents } from '../src/progress/format-wave-event.js';

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

describe('rollout output', () => {
  it('the report lists every wave with its state and devices, and where the rollout stopped', () => {
    const report: CampaignReport = {
      campaignId: 'c1',
      campaignName: 'fw',
      adapter: 'v5',
      status: 'aborted',
      resumed: false,
      tasks: [],
      totals: totals({ targeted: 1_200, succeeded: 150, failed: 50, notCreated: 1_000 }),
      apiCalls: { create: 2, poll: 4, find: 0, total: 6 },
      throttles: 0,
      retries: 0,
      wallTimeMs: 4_000,
      waves: [
        { wave: 0, percent: 1, tasks: 1, totals: totals({ targeted: 20, succeeded: 20 }), state: 'passed' },
        {
          wave: 1,
          percent: 10,
          tasks: 1,
          totals: totals({ targeted: 180, succeeded: 130, failed: 50 }),
          state: 'aborted',
        },
        {
          wave: 2,
          percent: 100,
          tasks: 1,
          totals: totals({ targeted: 1_000, notCreated: 1_000 }),
          state: 'notStarted',
        },
      ],
      rolloutHalt: {
        wave: 1,
        action: 'abort',
        reason: 'abortCriteria',
        message: 'wave 2: 50 of 180 finished devices failed',
      },
    };
    const text = formatCampaignReport({ ...report, minimumDurationMs: 15_200 });
    expect(text).toContain(
      "(the fastest the platform's rate and task limits allow: 15.2 s, not counting waits at rollout gates)",
    );
    expect(text).toContain("  waves:     3 (a device's wave comes from a hash of its ID");
    // Cumulative: waves 1 and 2 hold 200 of the 1,200 devices.
    expect(text).toContain(
      '    wave 2 (cumulative 10 % of ID-hash buckets = 16.67 % of the devices): aborted, 1 task(s), 180 devices: 130 succeeded, 50 failed, 0 timed out, 0 not created',
    );
    expect(text).toContain(
      '    wave 3 (cumulative 100 % of ID-hash buckets = 100 % of the devices): notStarted, 1 task(s), 1,000 devices',
    );
    expect(text).toContain(
      '  rollout aborted at wave 2 (abortCriteria): wave 2: 50 of 180 finished devices failed',
    );
  });

  it('prints one line per wave event, waves numbered from 1', () => {
    const run = new EventEmitter() as unknown as CampaignEventSource & EventEmitter;
    const lines: string[] = [];
    onWaveEvents(run, (_at, text) => lines.push(text));
    const base = { campaignId: 'c1', at: 0 };
    const devices = totals({ targeted: 20, succeeded: 19, failed: 1 });
    run.emit('wave-started', { ...base, wave: 0, percent: 1, waves: 3 });
    run.emit('wave-gated', {
      ...base,
      wave: 0,
      tasks: 1,
      devices,
      gate: { minFinishedFraction: 1, minSuccessRate: 0.9, soakMs: 60_000, approval: true },
    });
    run.emit('wave-passed', { ...base, wave: 0, tasks: 1, devices, via: 'resume' });
    run.emit('wave-aborted', {
      ...base,
      wave: 1,
      action: 'pause',
      reason: 'gateFailed',
      message: 'wave 2 ended below its gate',
      tasks: 1,
      devices,
    });
    expect(lines).toEqual([
      'wave 1/3 started (cumulative 1 % of ID-hash buckets)',
      'wave 1 gated: 1 task(s) created; next wave needs 100 % finished, 90 % success, soak 1 min 00 s, approval',
      'wave 1 passed (released by resume): 20 devices: 19 succeeded, 1 failed, 0 timed out',
      'wave 2 PAUSED (gateFailed): wave 2 ended below its gate',
    ]);
  });
});
