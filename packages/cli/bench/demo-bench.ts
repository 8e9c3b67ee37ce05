/**
 * Benchmark of `fleetcast demo` (target: "well under a minute"). Each run is a fresh process that runs
 * the demo in-process with the default 250,000 devices, progress off and JSON reports, and prints one
 * JSON line: wall time of the whole command, each campaign's wall time beside its minimum duration
 * under the platform's limits, API calls, throttles and peak RSS. Usage: `pnpm bench` (3 runs).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CampaignReport } from '@fleetcast/core';
import { runCli } from '../src/run-cli.js';

const runs = Number(process.env.FLEETCAST_BENCH_RUNS ?? 3);

async function measureOnce(): Promise<void> {
  let stdout = '';
  const started = performance.now();
  const code = await runCli(['demo', '--progress', 'none', '--json'], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true },
    env: {},
    cwd: process.cwd(),
  });
  const wallMs = performance.now() - started;
  const reports = JSON.parse(stdout) as { v5: CampaignReport; legacy: CampaignReport };
  const campaign = (report: CampaignReport) => ({
    tasks: report.tasks.length,
    devices: report.totals.targeted,
    wallMs: Math.round(report.wallTimeMs),
    minimumMs: report.minimumDurationMs === undefined ? null : Math.round(report.minimumDurationMs),
    apiCalls: report.apiCalls.total,
    throttles: report.throttles,
  });
  console.log(
    JSON.stringify({
      exitCode: code,
      wallMs: Math.round(wallMs),
      v5: campaign(reports.v5),
      legacy: campaign(reports.legacy),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

if (process.env.FLEETCAST_BENCH_CHILD === '1') {
  await measureOnce();
} else {
  console.log(`fleetcast demo benchmark: ${runs} runs, node ${process.version}, ${process.arch}`);
  const self = fileURLToPath(import.meta.url);
  for (let run = 1; run <= runs; run++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', self], {
      env: { ...process.env, FLEETCAST_BENCH_CHILD: '1' },
      encoding: 'utf8',
    });
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exit(1);
    }
    process.stdout.write(`run ${run}: ${child.stdout}`);
  }
}
