/**
 * Benchmarks of the command line. Each measurement is a fresh process running the command in-process
 * and printing one JSON line (wall time, peak RSS, what it did). Usage: `pnpm bench`.
 *
 * - `demo` (target: "well under a minute"), 3 runs: the whole command with the default 250,000 devices,
 *   progress off, JSON reports; each campaign's wall time beside its minimum under the platform's limits.
 * - `plan --devices` over a 1,000,000-line fleet file: the file is streamed, not loaded, so peak RSS
 *   stays far below the fleet's size in memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CampaignReport } from '@fleetcast/core';
import { runCli } from '../src/run-cli.js';

const runs = Number(process.env.FLEETCAST_BENCH_RUNS ?? 3);
const fleetLines = 1_000_000;

async function runQuietly(argv: string[]): Promise<{ code: number; stdout: string; wallMs: number }> {
  let stdout = '';
  const started = performance.now();
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true },
    env: {},
    cwd: process.cwd(),
  });
  return { code, stdout, wallMs: performance.now() - started };
}

const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function measureDemo(): Promise<void> {
  const { code, stdout, wallMs } = await runQuietly(['demo', '--progress', 'none', '--json']);
  const reports = JSON.parse(stdout) as {
    v5: CampaignReport;
    legacy: CampaignReport;
    rollout: CampaignReport;
  };
  const campaign = (report: CampaignReport) => ({
    tasks: report.tasks.length,
    devices: report.totals.targeted,
    wallMs: Math.round(report.wallTimeMs),
    minimumMs: report.minimumDurationMs === undefined ? null : Math.round(report.minimumDurationMs),
    apiCalls: report.apiCalls.total,
    throttles: report.throttles,
  });
  const summary = {
    exitCode: code,
    wallMs: Math.round(wallMs),
    v5: campaign(reports.v5),
    legacy: campaign(reports.legacy),
    rollout: {
      ...campaign(reports.rollout),
      status: reports.rollout.status,
      waves: reports.rollout.waves?.map((wave) => wave.state),
    },
  };
  console.log(JSON.stringify({ ...summary, peakRssMiB: peakRssMiB() }));
}

async function measurePlan(folder: string): Promise<void> {
  const { code, stdout, wallMs } = await runQuietly([
    'plan',
    join(folder, 'campaign.json'),
    '--platform',
    'v5',
    '--devices',
    join(folder, 'fleet.jsonl'),
    '--json',
  ]);
  const plan = JSON.parse(stdout) as { summary: { tasks: number; targetsPerTask: { total: number } } };
  const devicesPerSecond = Math.round(fleetLines / (wallMs / 1000));
  const figures = { exitCode: code, wallMs: Math.round(wallMs), fleetLines, devicesPerSecond };
  const planned = { tasks: plan.summary.tasks, devices: plan.summary.targetsPerTask.total };
  console.log(JSON.stringify({ ...figures, ...planned, peakRssMiB: peakRssMiB() }));
}

function writePlanInputs(folder: string): void {
  const fd = openSync(join(folder, 'fleet.jsonl'), 'w');
  let lines: string[] = [];
  for (let index = 0; index < fleetLines; index++) {
    const deviceType = index % 2 === 0 ? 'Valve' : 'SmartMeter';
    lines.push(
      JSON.stringify({ id: `meter-${String(index).padStart(7, '0')}`, deviceType, location: 'north' }),
    );
    if (lines.length === 10_000) {
      writeSync(fd, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  closeSync(fd);
  const campaign = {
    name: 'bench_fw',
    target: { type: 'DeviceType', deviceType: 'SmartMeter' },
    operation: { type: 'firmwareUpgrade', packageIds: ['p1'] },
  };
  writeFileSync(join(folder, 'campaign.json'), JSON.stringify(campaign));
}

function child(kind: string, folder = ''): string {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, ['--import', 'tsx', self], {
    env: { ...process.env, FLEETCAST_BENCH_CHILD: kind, FLEETCAST_BENCH_FOLDER: folder },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    console.error(result.stderr);
    process.exit(1);
  }
  return result.stdout;
}

const kind = process.env.FLEETCAST_BENCH_CHILD;
if (kind === 'demo') {
  await measureDemo();
} else if (kind === 'plan') {
  await measurePlan(process.env.FLEETCAST_BENCH_FOLDER ?? '');
} else {
  console.log(`fleetcast CLI benchmarks: node ${process.version}, ${process.arch}`);
  for (let run = 1; run <= runs; run++) process.stdout.write(`demo run ${run}: ${child('demo')}`);
  const folder = mkdtempSync(join(tmpdir(), 'fleetcast-bench-'));
  writePlanInputs(folder);
  process.stdout.write(`plan --devices (1,000,000-line fleet file, --json): ${child('plan', folder)}`);
}
