import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignReport, CampaignStatus } from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  e2eTestTimeoutMs,
  killLeftoverProcesses,
  runFleetcastProcess,
} from './__test-helpers__/run-fleetcast-process.js';

// The real binary against a simulator: a run with injected device failures, then results → retry → status.

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-operate-'));
let simulator: Simulator;
let env: Record<string, string>;

beforeAll(async () => {
  simulator = await startSimulator({
    devices: 500,
    seed: 5,
    deviceRatePerSecond: 20_000,
    failureProbability: 0.4,
    timeoutProbability: 0,
    pendingDelayMs: 100,
    initializingDelayMs: 100,
  });
  const { v5 } = simulator.credentials;
  env = {
    FLEETCAST_V5_PROJECT_ID: v5.projectId,
    FLEETCAST_V5_ACCESS_KEY: v5.accessKey,
    FLEETCAST_V5_SECRET_KEY: v5.secretKey,
    FLEETCAST_V5_REGION: 'cn-north-4',
  };
});

afterAll(async () => {
  killLeftoverProcesses();
  await simulator?.close();
});

describe('operating a campaign with the real binary', { timeout: e2eTestTimeoutMs(8) }, () => {
  it('results --state failed --format csv lists exactly the failed devices; retry --failed-devices turns them into successes; status and list show it', async () => {
    const deviceIds = Array.from({ length: 120 }, (_, index) => simulator.fleet.deviceId(index));
    const campaignPath = join(folder, 'campaign.json');
    writeFileSync(
      campaignPath,
      JSON.stringify({
        name: 'e2e_ops',
        target: { type: 'DeviceList', deviceIds },
        operation: { type: 'freezeDevices' },
      }),
    );
    const journal = join(folder, 'journals', 'ops_1.jsonl');
    const run = await runFleetcastProcess(
      [
        'run',
        campaignPath,
        '--platform',
        'v5',
        '--endpoint',
        simulator.url,
        '--journal',
        journal,
        '--progress',
        'lines',
      ],
      { env },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Journal: ${journal} (campaign ops_1)`);
    // The report says how to list the failed devices and how to retry them, pasteable as is.
    expect(run.stderr).toContain(
      `fleetcast results --journal ${journal} --endpoint ${simulator.url} --state failed,timedOut`,
    );
    expect(run.stderr).toContain(
      `fleetcast retry --journal ${journal} --endpoint ${simulator.url} --failed-devices`,
    );
    const task = simulator.tasks({ api: 'v5' }).find((candidate) => candidate.taskName === 'e2e_ops');
    const failedOnPlatform = task!
      .subtasks()
      .filter((subtask) => subtask.state === 'fail')
      .map((subtask) => subtask.target);
    expect(failedOnPlatform.length).toBeGreaterThan(0);

    const csvPath = join(folder, 'failed.csv');
    const results = await runFleetcastProcess(
      [
        'results',
        '--journal',
        journal,
        '--endpoint',
        simulator.url,
        '--state',
        'failed,timedOut',
        '--format',
        'csv',
        '--out',
        csvPath,
      ],
      { env },
    );
    expect(results.code).toBe(0);
    const [header, ...rows] = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    expect(header).toBe(
      'deviceId,state,errorCode,errorMessage,attempts,taskIndex,taskName,taskId,wave,lastSeenAt',
    );
    expect(rows.map((row) => row.split(',')[0]).sort()).toEqual([...failedOnPlatform].sort());

    simulator.configure({ failureProbability: 0 });
    const retry = await runFleetcastProcess(
      [
        'retry',
        '--journal',
        journal,
        '--endpoint',
        simulator.url,
        '--failed-devices',
        '--json',
        '--progress',
        'lines',
      ],
      { env },
    );
    expect(retry.stderr).toMatch(/Retrying \d+ failed device\(s\)/);
    expect(retry.code).toBe(0);
    const report = JSON.parse(retry.stdout) as CampaignReport;
    expect(report.totals).toMatchObject({ targeted: 120, succeeded: 120, failed: 0 });
    const retryTask = simulator.tasks({ api: 'v5' }).find((candidate) => candidate.taskName === 'e2e_ops_r1');
    expect([...(retryTask?.targets ?? [])].sort()).toEqual([...failedOnPlatform].sort());

    const status = await runFleetcastProcess([
      'status',
      'ops_1',
      '--journal-dir',
      join(folder, 'journals'),
      '--json',
    ]);
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as CampaignStatus;
    expect(parsed).toMatchObject({
      campaignId: 'ops_1',
      state: 'finished',
      totals: { targeted: 120, succeeded: 120 },
    });
    expect(parsed.tasks.map((entry) => entry.name)).toEqual(['e2e_ops', 'e2e_ops_r1']);

    const listed = await runFleetcastProcess(['list', '--journal-dir', join(folder, 'journals')]);
    expect(listed.stdout).toMatch(/^ops_1 {2}"e2e_ops" on v5: finished/);

    // A force stop of a finished campaign stops nothing and says so; the campaign is stopped from now on.
    const stop = await runFleetcastProcess(
      [
        'stop',
        'ops_1',
        '--journal-dir',
        join(folder, 'journals'),
        '--force',
        '--endpoint',
        simulator.url,
        '--json',
      ],
      { env },
    );
    expect(stop.code).toBe(0);
    expect(JSON.parse(stop.stdout)).toMatchObject({
      mode: 'force',
      calls: 0,
      tasks: [
        { name: 'e2e_ops', outcome: 'finished' },
        { name: 'e2e_ops_r1', outcome: 'finished' },
      ],
    });
    const stopped = await runFleetcastProcess(['status', '--journal', journal]);
    expect(stopped.stdout).toMatch(/^Campaign ops_1 "e2e_ops" on v5: stopped/);
  });
});
