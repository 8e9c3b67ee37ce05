import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

let simulator: Simulator;
const folder = mkdtempSync(join(tmpdir(), 'fleetcast-listing-'));
const campaignFile = join(folder, 'campaign.json');

beforeAll(async () => {
  simulator = await startSimulator({
    devices: 300,
    seed: 5,
    deviceRatePerSecond: 20_000,
    pendingDelayMs: 50,
  });
  writeFileSync(
    campaignFile,
    JSON.stringify({
      name: 'listing',
      target: { type: 'DeviceType', deviceType: 'WaterMeter' },
      operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: {} },
    }),
  );
});
afterAll(() => simulator.close());

describe('listing the platform directory from the CLI', () => {
  it('plan --endpoint waits out throttles and 5xx on directory pages and shows the listing as it goes', async () => {
    simulator.reset();
    const env = {
      FLEETCAST_V5_PROJECT_ID: simulator.credentials.v5.projectId,
      FLEETCAST_V5_TOKEN: simulator.credentials.v5.token,
    };
    simulator.faults.set('v5.listDevices', { script: ['throttle', 'server-error', 'throttle'] });
    const io = collectingIo({ env, cwd: folder });
    const code = await runCli(
      ['plan', campaignFile, '--platform', 'v5', '--endpoint', simulator.url, '--json'],
      io,
    );
    simulator.faults.clear();
    expect(io.stderr.text()).not.toMatch(/FLEETCAST_PLATFORM_THROTTLED/);
    expect(code).toBe(ExitCode.ok);
    const printed = JSON.parse(io.stdout.text());
    expect(printed.summary.targetsPerTask.total).toBeGreaterThan(0);
    const stderr = io.stderr.text();
    expect(stderr).toMatch(/listing devices: a page failed \(throttled: .*\); retry 1 in/);
    expect(stderr).toMatch(/listing devices: a page failed \(server: .*\); retry 1 in/);
    expect(stderr).toMatch(/listing devices: \d+ page\(s\), [\d,]+ devices, \d+ calls \(3 retried\)/);
  });

  it('run --endpoint --progress lines shows listing progress, and a listing that keeps failing still prints its report and the resume hint', async () => {
    simulator.reset();
    const env = {
      FLEETCAST_V5_PROJECT_ID: simulator.credentials.v5.projectId,
      FLEETCAST_V5_TOKEN: simulator.credentials.v5.token,
    };
    simulator.faults.set('v5.listDevices', { script: ['none', 'server-error'], serverErrorRate: 1 });
    const io = collectingIo({ env, cwd: folder });
    const code = await runCli(
      [
        'run',
        campaignFile,
        '--platform',
        'v5',
        '--endpoint',
        simulator.url,
        '--progress',
        'lines',
        '--json',
        '--journal',
        join(folder, 'failing.jsonl'),
      ],
      io,
    );
    simulator.faults.clear();
    const report = JSON.parse(io.stdout.text());
    expect(report.status).toBe('failed');
    expect(report.failure.code).toBe('FLEETCAST_PLATFORM_SERVER');
    expect(code).toBe(ExitCode.failures);
    const stderr = io.stderr.text();
    expect(stderr).toMatch(/listing devices: \d+ page\(s\)/);
    expect(stderr).toMatch(/listing devices: a page failed \(server: /);
    expect(stderr).toMatch(/fleetcast resume --journal .*failing\.jsonl/);
  }, 60_000);
});
