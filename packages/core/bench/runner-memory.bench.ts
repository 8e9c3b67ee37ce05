/**
 * Runner memory (issue 16): a 1,000,000-device v5 campaign run to the end against the simulator (in its own
 * process), against the same campaign only planned. Each measurement is its own process
 * (runner-memory-measure.ts); the runner's own share is run − plan. A v5 status answer echoes up to 30,000
 * target IDs (about 1 MB per poll), so this is where a runner that kept its answers would show.
 * Target: the runner's share under 100 MiB. `RUNNER_MEMORY_DEVICES` changes the size.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const devices = Number(process.env.RUNNER_MEMORY_DEVICES ?? 1_000_000);

function measure(mode: 'plan' | 'run'): Record<string, number> {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'runner-memory-measure.ts'), mode, String(devices), '25'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(here, '../../../tsconfig.json') },
    },
  );
  if (child.status !== 0) throw new Error(`runner-memory-measure ${mode} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Record<string, number>;
}

console.log(JSON.stringify({ node: process.version, devices, loadAverage: loadavg() }));
const planOnly = measure('plan');
console.log(JSON.stringify(planOnly));
const run = measure('run');
console.log(JSON.stringify(run));
const share = (run.peakRssMiB as number) - (planOnly.peakRssMiB as number);
console.log(
  `runner's own share: ${share} MiB (run ${run.peakRssMiB} MiB − plan ${planOnly.peakRssMiB} MiB; ${run.polls} polls, ` +
    `${run.succeeded} devices succeeded); load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
);
if (share >= 100) {
  console.error(`the runner's own share is ${share} MiB, target < 100 MiB`);
  process.exitCode = 1;
}
