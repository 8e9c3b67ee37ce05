/**
 * One runner-memory measurement (issue 16) in a fresh process: a 1,000,000-device explicit v5 campaign,
 * either planned only (`plan`) or run to the end against the simulator (`run`, in a child process of its
 * own). Both hold the same device list; the difference of their peak RSS is the runner's own share.
 * Prints one JSON line. Usage: runner-memory-measure.ts <plan|run> <devices> <timeScale>
 * Started by runner-memory.bench.ts; not a benchmark file itself.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createV5Adapter } from '@fleetcast/adapter-v5';
import { type Campaign, MemoryCampaignStore, plan, runCampaign, scaledClock } from '@fleetcast/core';

const mode = process.argv[2] === 'run' ? 'run' : 'plan';
const devices = Number(process.argv[3] ?? 1_000_000);
const timeScale = Number(process.argv[4] ?? 25);
const here = dirname(fileURLToPath(import.meta.url));

const simulator = spawn(
  process.execPath,
  ['--import', 'tsx', join(here, 'runner-memory-simulator.ts'), String(devices), String(timeScale)],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  },
);
const first = await new Promise<string>((resolve, reject) => {
  const lines = createInterface({ input: simulator.stdout });
  lines.once('line', (line) => {
    lines.close();
    resolve(line);
  });
  simulator.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
});
const received = performance.now();
const ready = JSON.parse(first) as {
  url: string;
  projectId: string;
  token: string;
  now: number;
  timeScale: number;
  initializingDelayMs: number;
  deviceIds: string[];
};
// The simulator's clock, followed from here: its time when it printed, advancing at its speed.
const clock = scaledClock({
  now: () => ready.now + (performance.now() - received) * ready.timeScale,
  timeScale: ready.timeScale,
});
const adapter = createV5Adapter({
  endpoint: ready.url,
  projectId: ready.projectId,
  token: ready.token,
  rateLimitPerMinute: 1_000,
  maxUnfinishedTasks: 10,
});
const campaign: Campaign = {
  name: 'bench_memory',
  target: { type: 'DeviceList', deviceIds: ready.deviceIds },
  operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: { delay: 0 } },
};
const started = performance.now();
let result: Record<string, unknown>;
if (mode === 'plan') {
  const planned = await plan(campaign, { adapter });
  result = { tasks: planned.tasks.length };
} else {
  const report = await runCampaign(campaign, {
    adapter,
    clock,
    store: new MemoryCampaignStore(),
    taskDurationMs: ready.initializingDelayMs + (30_000 / 50) * 1_000,
  }).result;
  result = { tasks: report.tasks.length, polls: report.apiCalls.poll, succeeded: report.totals.succeeded };
}
const seconds = (performance.now() - started) / 1_000;
// With --expose-gc: what is still held at the end (the rest of the peak was garbage not yet collected).
const collect = (globalThis as { gc?: () => void }).gc;
collect?.();
const heapAfterGcMiB = collect ? Math.round(process.memoryUsage().heapUsed / 2 ** 20) : undefined;
simulator.stdin.end();
await new Promise((resolve) => simulator.once('exit', resolve));
console.log(
  JSON.stringify({
    mode,
    devices,
    ...result,
    seconds,
    heapAfterGcMiB,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
