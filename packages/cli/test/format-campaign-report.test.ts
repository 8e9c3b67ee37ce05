import type { CampaignReport } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { campaignSucceeded, formatCampaignReport } from '../src/format-campaign-report.js';

const report: CampaignReport = {
  campaignId: 'c1',
  campaignName: 'fw',
  adapter: 'v5',
  status: 'completed',
  resumed: false,
  tasks: [],
  totals: { targeted: 10, succeeded: 10, failed: 0, timedOut: 0, stopped: 0, unknown: 0, notCreated: 0 },
  apiCalls: { create: 1, poll: 2, find: 0, total: 3 },
  throttles: 0,
  retries: 0,
  wallTimeMs: 1_000,
};

describe('the readable report', () => {
  it('names the devices a rule could not evaluate, with their count and examples', () => {
    const text = formatCampaignReport({
      ...report,
      unevaluable: {
        devices: 1_234,
        examples: [{ deviceId: 'd7', reason: 'fact "firmware" is undefined' }],
      },
    });
    expect(text).toContain(
      '  unevaluable: 1,234 device(s) the rule could not evaluate, in no task, e.g. d7 (fact "firmware" is undefined)',
    );
  });

  it('says nothing of unevaluable devices when there were none', () => {
    expect(formatCampaignReport(report)).not.toMatch(/unevaluable/);
  });

  it('does not call a run with unevaluable devices a success (exit 1)', () => {
    expect(campaignSucceeded(report)).toBe(true);
    expect(
      campaignSucceeded({
        ...report,
        unevaluable: { devices: 1, examples: [{ deviceId: 'd1', reason: 'x' }] },
      }),
    ).toBe(false);
  });
});
