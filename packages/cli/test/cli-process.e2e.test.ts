import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignReport } from '@fleetcast/core';
import { generateFleet, type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  e2eTestTimeoutMs,
  killLeftoverProcesses,
  runFleetcastProcess,
  spawnFleetcastProcess,
} from './__test-helpers__/run-fleetcast-process.js';

// The real binary as a child process (TypeScript entry through tsx, no terminal, CI=true) against a
// simulator started by this test file; assertions on exit codes, --json output and the simulator's state.

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-e2e-'));
let fileCount = 0;
function campaignFile(campaign: unknown): string {
  const path = join(folder, `campaign-${fileCount++}.json`);
  writeFileSync(path, JSON.stringify(campaign));
  return path;
}

let simulator: Simulator;
let credentialsEnv: Record<string, string>;
let secrets: string[];

beforeAll(async () => {
  simulator = await startSimulator({
    devices: 45_000,
    seed: 11,
    deviceRatePerSecond: 20_000,
    failureProbability: 0,
    timeoutProbability: 0,
    pendingDelayMs: 200,
    initializingDelayMs: 200,
  });
  const { legacy, v5 } = simulator.credentials;
  credentialsEnv = {
    FLEETCAST_LEGACY_APP_ID: legacy.appId,
    FLEETCAST_LEGACY_SECRET: legacy.secret,
    FLEETCAST_V5_PROJECT_ID: v5.projectId,
    // AK/SK by default, as Huawei's SDKs call IoTDA; the loopback host names no region.
    FLEETCAST_V5_ACCESS_KEY: v5.accessKey,
    FLEETCAST_V5_SECRET_KEY: v5.secretKey,
    FLEETCAST_V5_REGION: 'cn-north-4',
  };
  secrets = [legacy.secret, v5.token, v5.accessKey, v5.secretKey];
});

afterAll(async () => {
  killLeftoverProcesses();
  await simulator?.close();
});

function expectNoSecret(output: string): void {
  for (const secret of secrets) expect(output).not.toContain(secret);
}

// Real time throughout: a test runs at most two processes, each allowed the helper's process timeout.
describe('fleetcast as a process', { timeout: e2eTestTimeoutMs(2) }, () => {
  it('validate exits 2 with one problem per line; plan --json prints the plan', async () => {
    const bad = campaignFile({
      name: 'c',
      target: { type: 'DeviceList', deviceIds: ['a b'] },
      operation: { type: 'command', serviceId: 's', commandName: 'c' },
      policy: { maxRetransmit: 4 },
    });
    const invalid = await runFleetcastProcess(['validate', bad, '--platform', 'legacy']);
    expect(invalid.code).toBe(2);
    expect(invalid.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^target\.deviceIds\[0\]: /),
      expect.stringMatching(/^policy\.maxRetransmit: .*0–3/),
    ]);
    const area = simulator.fleet.locationOf(0);
    const native = campaignFile({
      name: 'reboot',
      target: { type: 'DeviceArea', location: area },
      operation: { type: 'command', serviceId: 's', commandName: 'c' },
    });
    const planned = await runFleetcastProcess(['plan', native, '--platform', 'legacy', '--json']);
    expect(planned.code).toBe(0);
    expect(JSON.parse(planned.stdout).tasks).toEqual([
      { kind: 'native', name: 'reboot', index: 0, target: { type: 'DeviceArea', location: area } },
    ]);
  });

  it('run --json on legacy creates one native task, reports what the simulator holds, and exits 0', async () => {
    const area = simulator.fleet.locationOf(1);
    const file = campaignFile({
      name: 'e2e_reboot_area',
      target: { type: 'DeviceArea', location: area },
      operation: { type: 'command', serviceId: 'Maintenance', commandName: 'REBOOT' },
    });
    const result = await runFleetcastProcess(
      [
        'run',
        file,
        '--platform',
        'legacy',
        '--endpoint',
        simulator.url,
        '--json',
        '--journal',
        join(folder, 'legacy-run.jsonl'),
      ],
      { env: credentialsEnv },
    );
    expect(result.stderr).toMatch(/task 1(\/1)? e2e_reboot_area created/);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as CampaignReport;
    const created = simulator.tasks({ api: 'legacy' }).filter((task) => task.taskName === 'e2e_reboot_area');
    expect(created).toHaveLength(1);
    const inArea = Array.from({ length: simulator.fleet.size }, (_, index) => index).filter(
      (index) => simulator.fleet.locationOf(index) === area,
    ).length;
    expect(created[0]!.targets).toHaveLength(inArea);
    expect(report).toMatchObject({ status: 'completed', adapter: 'legacy', campaignName: 'e2e_reboot_area' });
    expect(report.tasks).toEqual([
      expect.objectContaining({
        taskId: created[0]!.taskId,
        kind: 'native',
        state: 'succeeded',
        targets: inArea,
      }),
    ]);
    expect(report.totals).toMatchObject({ targeted: inArea, succeeded: inArea, failed: 0 });
    expectNoSecret(result.stdout + result.stderr);
  });

  it('run exits 1 when devices fail, with the failures in the report', async () => {
    simulator.configure({ failureProbability: 0.5 });
    try {
      const deviceIds = Array.from({ length: 200 }, (_, index) => simulator.fleet.deviceId(index));
      const file = campaignFile({
        name: 'e2e_freeze_some',
        target: { type: 'DeviceList', deviceIds },
        operation: { type: 'freezeDevices' },
      });
      const result = await runFleetcastProcess(
        [
          'run',
          file,
          '--platform',
          'v5',
          '--endpoint',
          simulator.url,
          '--json',
          '--journal',
          join(folder, 'v5-fail.jsonl'),
        ],
        { env: credentialsEnv },
      );
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as CampaignReport;
      const task = simulator
        .tasks({ api: 'v5' })
        .find((candidate) => candidate.taskName === 'e2e_freeze_some');
      expect(task?.targets).toEqual(deviceIds);
      expect(report.totals.failed).toBe(task!.counts.fail);
      expect(report.totals.failed).toBeGreaterThan(0);
      expect(report.totals.succeeded + report.totals.failed).toBe(200);
    } finally {
      simulator.configure({ failureProbability: 0 });
    }
  });

  it.each([
    ['plain', 'SDK-HMAC-SHA256', ['--signing', 'SDK-HMAC-SHA256']],
    ['derived', 'V11-HMAC-SHA256', ['--region', 'cn-north-4']],
  ] as const)('a v5 campaign runs end to end on AK/SK, %s signing', async (name, only, options) => {
    // The simulator accepts only this algorithm: a call signed otherwise would fail the run.
    simulator.configure({ v5Signing: only });
    try {
      const deviceIds = Array.from({ length: 120 }, (_, index) => simulator.fleet.deviceId(index));
      const file = campaignFile({
        name: `e2e_aksk_${name}`,
        target: { type: 'DeviceList', deviceIds },
        operation: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
      });
      const { FLEETCAST_V5_REGION: _, ...withoutRegion } = credentialsEnv;
      const journal = join(folder, `v5-aksk-${name}.jsonl`);
      const result = await runFleetcastProcess(
        [
          'run',
          file,
          '--platform',
          'v5',
          '--endpoint',
          simulator.url,
          '--json',
          '--journal',
          journal,
          ...options,
        ],
        { env: withoutRegion },
      );
      // Neither the output nor the journal holds the AK or SK.
      expectNoSecret(result.stdout + result.stderr + readFileSync(journal, 'utf8'));
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as CampaignReport;
      expect(report.totals.succeeded).toBe(120);
      const task = simulator
        .tasks({ api: 'v5' })
        .find((candidate) => candidate.taskName === `e2e_aksk_${name}`);
      expect(task?.targets).toEqual(deviceIds);
    } finally {
      simulator.configure({ v5Signing: 'any' });
    }
  });

  it('run stops cleanly on Ctrl-C (exit 3, says how to resume); resume finishes without a duplicate task', async () => {
    simulator.configure({ deviceRatePerSecond: 1 });
    const deviceIds = Array.from({ length: 45_000 }, (_, index) => simulator.fleet.deviceId(index));
    const file = campaignFile({
      name: 'e2e_fw_all',
      target: { type: 'DeviceList', deviceIds },
      operation: { type: 'firmwareUpgrade', packageIds: ['5f0c8d2a9e4b7c1d3a6f2e90'] },
    });
    const journal = join(folder, 'v5-interrupted.jsonl');
    const stopped = await runFleetcastProcess(
      ['run', file, '--platform', 'v5', '--endpoint', simulator.url, '--journal', journal],
      {
        env: credentialsEnv,
        interruptWhen: ({ stderr }) => /e2e_fw_all_part1 created/.test(stderr),
      },
    );
    expect(stopped.code).toBe(3);
    expect(stopped.stderr).toMatch(/SIGINT received, stopping cleanly/);
    expect(stopped.stderr).toContain(
      `fleetcast resume --journal ${journal} --platform v5 --endpoint ${simulator.url}`,
    );
    expect(stopped.stdout).toMatch(/: cancelled in /);

    simulator.configure({ deviceRatePerSecond: 50_000 });
    const resumed = await runFleetcastProcess(
      ['resume', '--journal', journal, '--endpoint', simulator.url, '--json'],
      { env: credentialsEnv },
    );
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as CampaignReport;
    expect(report).toMatchObject({ status: 'completed', resumed: true });
    const onPlatform = simulator
      .tasks({ api: 'v5' })
      .filter((task) => task.taskName.startsWith('e2e_fw_all'));
    expect(onPlatform.map((task) => task.taskName).sort()).toEqual(['e2e_fw_all_part1', 'e2e_fw_all_part2']);
    expect(onPlatform.flatMap((task) => task.targets).sort()).toEqual([...deviceIds].sort());
    expect(report.totals).toMatchObject({ targeted: 45_000, succeeded: 45_000 });
    expectNoSecret(stopped.stdout + stopped.stderr + resumed.stdout + resumed.stderr);
  });

  it('run exits 2 without credentials, naming the variables, and sends nothing', async () => {
    const before = simulator.requests();
    const file = campaignFile({
      name: 'c',
      target: { type: 'Broadcast' },
      operation: { type: 'command', serviceId: 's', commandName: 'c' },
    });
    const result = await runFleetcastProcess([
      'run',
      file,
      '--platform',
      'legacy',
      '--endpoint',
      simulator.url,
      '--journal',
      join(folder, 'no-credentials.jsonl'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/FLEETCAST_LEGACY_APP_ID .*FLEETCAST_LEGACY_SECRET/);
    const after = simulator.requests();
    expect(after.length).toBe(before.length);
    expect(after.at(-1)).toEqual(before.at(-1));
  });

  it('simulate prints its URL and credentials, serves a plan through its device API, stops on Ctrl-C', async () => {
    const credentialsOut = join(folder, 'simulator-credentials.json');
    const simulate = spawnFleetcastProcess([
      'simulate',
      '--devices',
      '500',
      '--seed',
      '3',
      '--credentials-out',
      credentialsOut,
    ]);
    const url = (await simulate.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    await simulate.waitFor(/FLEETCAST_V5_TOKEN=[0-9a-f]+/);
    // An exclusion forces expansion, here through the simulator's v5 device list with the written credentials.
    const fleet = generateFleet({ count: 500, seed: 3 });
    const deviceType = fleet.productOf(0).deviceType;
    const expected = Array.from({ length: fleet.size }, (_, index) => index)
      .filter((index) => fleet.productOf(index).deviceType === deviceType && index !== 0)
      .map((index) => fleet.deviceId(index));
    const file = campaignFile({
      name: 'c',
      target: { type: 'DeviceType', deviceType, exclude: [fleet.deviceId(0)] },
      operation: { type: 'command', serviceId: 's', commandName: 'c' },
    });
    const planned = await runFleetcastProcess([
      'plan',
      file,
      '--platform',
      'v5',
      '--endpoint',
      url,
      '--credentials',
      credentialsOut,
      '--json',
    ]);
    expect(planned.code).toBe(0);
    const ids = JSON.parse(planned.stdout).tasks.flatMap((task: { deviceIds: string[] }) => task.deviceIds);
    expect([...ids].sort()).toEqual([...expected].sort());
    simulate.child.kill('SIGINT');
    const stopped = await simulate.result;
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(/export FLEETCAST_LEGACY_SECRET=[0-9a-f]+/);
    expect(stopped.stdout).toMatch(/simulator stopped/);
  });

  it('demo runs both campaigns to completion, then a three-wave rollout that aborts in wave 2 (plain lines)', async () => {
    const result = await runFleetcastProcess([
      'demo',
      '--devices',
      '40000',
      '--device-rate',
      '20000',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const reports = JSON.parse(result.stdout) as {
      v5: CampaignReport;
      legacy: CampaignReport;
      rollout: CampaignReport;
    };
    expect(reports.v5).toMatchObject({ adapter: 'v5', status: 'completed' });
    expect(reports.legacy).toMatchObject({ adapter: 'legacy', status: 'completed' });
    expect(reports.v5.tasks.every((task) => task.kind === 'explicit')).toBe(true);
    expect(reports.legacy.tasks).toEqual([expect.objectContaining({ kind: 'native' })]);
    expect(reports.v5.totals.targeted).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/\[v5 firmware +\d+\.\ds\] campaign completed/);
    expect(result.stderr).toMatch(/\[legacy command +\d+\.\ds\] campaign completed/);
    // The rollout: wave 1 passed, wave 2 aborted by its criterion, wave 3 never created.
    const rollout = reports.rollout;
    expect(rollout).toMatchObject({ adapter: 'v5', status: 'aborted' });
    expect(rollout.rolloutHalt).toMatchObject({ wave: 1, action: 'abort', reason: 'abortCriteria' });
    expect(rollout.waves?.map((wave) => wave.state)).toEqual(['passed', 'aborted', 'notStarted']);
    expect(rollout.waves?.[2]?.totals.notCreated).toBe(rollout.waves?.[2]?.totals.targeted);
    expect(
      rollout.tasks.filter((task) => task.created === true).every((task) => !/_wave3/.test(task.name)),
    ).toBe(true);
    expect(result.stderr).toMatch(/\[v5 rollout +\d+\.\ds\] wave 1 passed/);
    expect(result.stderr).toMatch(/\[v5 rollout +\d+\.\ds\] wave 2 ABORTED \(abortCriteria\)/);
    expect(result.stderr).not.toMatch(/wave 3\/3 started/);
    // No terminal escape sequences (ESC) in plain-line mode.
    expect(result.stderr).not.toContain(String.fromCharCode(27));
  });
});
