import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Campaign, type DeviceRecord, explainDevice } from '@fleetcast/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  e2eTestTimeoutMs,
  killLeftoverProcesses,
  runFleetcastProcess,
} from './__test-helpers__/run-fleetcast-process.js';

// `explain` and `plan` with waves through the real binary (TypeScript entry through tsx), over a fleet file.

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-rollout-e2e-'));
const records: DeviceRecord[] = Array.from({ length: 3_000 }, (_, index) => ({
  id: `meter_${index}`,
  deviceType: index % 3 === 0 ? 'GasMeter' : 'WaterMeter',
  location: index % 4 === 0 ? 'Shenzhen' : 'Wuhan',
  groupIds: index % 10 === 0 ? ['beta'] : [],
  facts: { firmwareVersion: index % 5 },
}));
const fleetFile = join(folder, 'fleet.jsonl');
writeFileSync(fleetFile, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);

const campaign: Campaign = {
  name: 'meters_fw3',
  target: {
    type: 'Rules',
    conditions: {
      all: [
        { fact: 'deviceType', operator: 'equal', value: 'WaterMeter' },
        { fact: 'firmwareVersion', operator: 'lessThan', value: 3 },
        {
          any: [
            { fact: 'location', operator: 'equal', value: 'Shenzhen' },
            { fact: 'groupIds', operator: 'contains', value: 'beta' },
          ],
        },
      ],
    },
    exclude: ['meter_4'],
  },
  operation: { type: 'firmwareUpgrade', packageIds: ['pkg_3'] },
  rollout: {
    waves: [{ percent: 1 }, { percent: 10 }, { percent: 100 }],
    gate: { minSuccessRate: 0.95 },
    abort: {
      action: 'abort',
      criteria: [{ failureType: 'any', thresholdPercent: 5, minFinishedDevices: 20 }],
    },
  },
};
const campaignFile = join(folder, 'campaign.json');
writeFileSync(campaignFile, JSON.stringify(campaign));

afterAll(() => killLeftoverProcesses());

// Real time: a test runs up to four processes, each allowed the helper's process timeout.
describe('fleetcast explain and plan with waves (process)', { timeout: e2eTestTimeoutMs(4) }, () => {
  it('explains a targeted device with its bucket and 1-based wave, and an untargeted one with the failing condition', async () => {
    const targeted = records.find((record) => explainDevice(campaign, record).targeted) as DeviceRecord;
    const expected = explainDevice(campaign, targeted);
    const yes = await runFleetcastProcess(['explain', campaignFile, targeted.id, '--devices', fleetFile]);
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain(
      `${targeted.id}: targeted by "meters_fw3" (rule-matched, wave ${(expected.wave ?? 0) + 1} of 3)`,
    );
    expect(yes.stdout).toContain(`bucket ${expected.bucket}, wave ${(expected.wave ?? 0) + 1} of 3`);

    // meter_2: WaterMeter, firmware 2, Wuhan, no group: the `any` fails, both alternatives are shown.
    const no = await runFleetcastProcess([
      'explain',
      campaignFile,
      'meter_2',
      '--devices',
      fleetFile,
      '--json',
    ]);
    expect(no.code).toBe(0);
    const explanation = JSON.parse(no.stdout) as { targeted: boolean; reason: string; message: string };
    expect(explanation).toMatchObject({ targeted: false, reason: 'rule-unmatched', found: true });
    expect(explanation.message).toContain('location equal "Shenzhen" is false (location is "Wuhan")');

    const excluded = await runFleetcastProcess(['explain', campaignFile, 'meter_4', '--devices', fleetFile]);
    expect(excluded.stdout).toContain('meter_4: not targeted by "meters_fw3" (excluded)');

    const missing = await runFleetcastProcess(['explain', campaignFile, 'meter_x', '--devices', fleetFile]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`meter_x: not found in ${fleetFile}`);
  });

  it('plan lists every wave with its tasks and devices, as explainDevice assigns them', async () => {
    const perWave = [0, 0, 0];
    for (const record of records) {
      const { wave } = explainDevice(campaign, record);
      if (wave !== undefined) perWave[wave] = (perWave[wave] ?? 0) + 1;
    }
    const result = await runFleetcastProcess([
      'plan',
      campaignFile,
      '--platform',
      'v5',
      '--devices',
      fleetFile,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  waves:            3 (created one at a time; every target expanded;');
    const total = perWave.reduce((sum, devices) => sum + devices, 0);
    let cumulative = 0;
    perWave.forEach((devices, wave) => {
      const percent = [1, 10, 100][wave];
      const tasks = devices === 0 ? '0 tasks' : '1 task';
      cumulative += devices;
      const share = Math.round((cumulative / total) * 10_000) / 100;
      expect(result.stdout).toContain(
        `    wave ${wave + 1} (cumulative ${percent} % of ID-hash buckets = ${share} % of the devices): ${tasks}, ${devices.toLocaleString('en-US')} devices`,
      );
    });
    const json = await runFleetcastProcess([
      'plan',
      campaignFile,
      '--platform',
      'v5',
      '--devices',
      fleetFile,
      '--json',
    ]);
    const summary = (JSON.parse(json.stdout) as { summary: { waves: { devices: number }[] } }).summary;
    expect(summary.waves.map((wave) => wave.devices)).toEqual(perWave);
  });

  it('validate reports a bad gate with the field and its limit', async () => {
    const bad = join(folder, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...campaign, rollout: { ...campaign.rollout, gate: { minSuccessRate: 95 } } }),
    );
    const result = await runFleetcastProcess(['validate', bad, '--platform', 'v5']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('rollout.gate.minSuccessRate: 95 is out of range (0–1)');
  });
});
