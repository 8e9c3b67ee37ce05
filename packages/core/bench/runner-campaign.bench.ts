/**
 * Runner benchmark (issue 5): 1,000,000 explicit devices against the simulator at 1,000 calls/minute,
 * the adapter told so; v5 with 10 unfinished tasks, legacy with 1. Each measurement runs in its own
 * process (runner-measure.ts) on a sped-up simulator clock. Targets: 34 creates, 0 throttles,
 * simulated wall time ÷ the plan's minimumDuration ≤ 1.10.
 * `RUNNER_BENCH_DEVICES` and `RUNNER_BENCH_APIS` (e.g. `v5`) narrow it down for a quick look.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, 'runner-measure.ts');
const devices = Number(process.env.RUNNER_BENCH_DEVICES ?? 1_000_000);
const apis = (process.env.RUNNER_BENCH_APIS ?? 'v5,legacy').split(',');
// Speed-ups: v5 (four waves of ten 10-minute tasks) 25×; legacy (34 tasks one after another) 100×.
// Higher factors inflate the ratio: every real millisecond the one process spends on CPU (the
// simulator included) becomes 25–100 simulated milliseconds.
const timeScales: Record<string, number> = { v5: 25, legacy: 100 };

let failed = false;
for (const api of apis) {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', script, api, String(devices), String(timeScales[api] ?? 50)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      // The measurement imports sibling packages from source through the root tsconfig's paths.
      env: { ...process.env, TSX_TSCONFIG_PATH: join(here, '../../../tsconfig.json') },
    },
  );
  if (child.status !== 0) {
    console.error(`runner-measure ${api} failed:\n${child.stderr}`);
    failed = true;
    continue;
  }
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Record<
    string,
    number | string
  >;
  const ok =
    result.creates === Math.ceil(devices / 30_000) && result.throttles === 0 && Number(result.ratio) <= 1.1;
  console.log(
    `${api}: ${result.devices} devices, ${result.creates} creates, ${result.polls} polls, ${result.throttles} throttles, ` +
      `${Number(result.simulatedWallSeconds).toFixed(0)} s simulated vs minimum ${Number(result.minimumDurationSeconds).toFixed(0)} s ` +
      `(ratio ${Number(result.ratio).toFixed(3)}; ${Number(result.ratioToExactMinimum).toFixed(3)} against ` +
      `${Number(result.exactMinimumSeconds).toFixed(0)} s with the short last task), ` +
      `${Number(result.realSeconds).toFixed(1)} s real at ${result.timeScale}×, ` +
      `peak RSS ${result.peakRssMiB} MiB ${ok ? '(targets met)' : '(TARGET MISSED)'}`,
  );
  console.log(JSON.stringify(result));
}
if (failed) process.exit(1);
