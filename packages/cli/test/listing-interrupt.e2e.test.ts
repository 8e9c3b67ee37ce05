import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.js';
import {
  e2eTestTimeoutMs,
  killLeftoverProcesses,
  spawnFleetcastProcess,
} from './__test-helpers__/run-fleetcast-process.js';

let simulator: Simulator;
const folder = mkdtempSync(join(tmpdir(), 'fleetcast-listing-interrupt-'));

beforeAll(async () => {
  simulator = await startSimulator({ devices: 2_000, seed: 9 });
});
afterAll(async () => {
  killLeftoverProcesses();
  await simulator.close();
});

describe('Ctrl-C while run lists the platform devices (real process)', () => {
  it(
    'stops at once with exit 3 and the resume line, no "unexpected error"',
    async () => {
      // Every device page takes 20 s: the listing is under way when Ctrl-C arrives.
      simulator.faults.set('v5.listDevices', { script: ['none'], latencyMs: 20_000 });
      const campaign = join(folder, 'campaign.json');
      writeFileSync(
        campaign,
        JSON.stringify({
          name: 'interrupted_listing',
          target: { type: 'DeviceType', deviceType: 'WaterMeter' },
          operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: {} },
        }),
      );
      let interruptedAt = 0;
      const run = spawnFleetcastProcess(
        [
          'run',
          campaign,
          '--platform',
          'v5',
          '--endpoint',
          simulator.url,
          '--progress',
          'lines',
          '--journal',
          join(folder, 'interrupted.jsonl'),
        ],
        {
          env: {
            FLEETCAST_V5_PROJECT_ID: simulator.credentials.v5.projectId,
            FLEETCAST_V5_TOKEN: simulator.credentials.v5.token,
          },
          interruptWhen: ({ stderr }) => {
            if (!/listing devices: \d+ page\(s\)/.test(stderr)) return false;
            interruptedAt = performance.now();
            return true;
          },
        },
      );
      const result = await run.result;
      simulator.faults.clear();
      expect(result.stderr).not.toMatch(/unexpected error/);
      expect(result.code).toBe(ExitCode.cancelled);
      // At once: well before the 20 s page would have answered.
      expect(performance.now() - interruptedAt).toBeLessThan(10_000);
      expect(result.stderr).toMatch(/fleetcast resume --journal .*interrupted\.jsonl/);
    },
    e2eTestTimeoutMs(1),
  );
});
