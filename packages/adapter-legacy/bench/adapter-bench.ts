// Legacy adapter benchmarks: create-body building and serialization, and an end-to-end create against
// the simulator. Run: `npx -y pnpm@10 bench` (or `node --import tsx bench/adapter-bench.ts` in
// packages/adapter-legacy). Figures: docs/benchmarks.md.
import { performance } from 'node:perf_hooks';
import type { Campaign, TaskPlanV1 } from '@fleetcast/core';
import { startSimulator } from '@fleetcast/simulator';
import { buildLegacyCreateRequest, createLegacyAdapter } from '../src/index.js';

const campaign: Campaign = {
  name: 'bench',
  target: { type: 'Broadcast' },
  operation: { type: 'command', serviceId: 'WaterMeter', commandName: 'SET_VALVE' },
};
const ids = (count: number) =>
  Array.from({ length: count }, (_, index) => `device_${index.toString().padStart(12, '0')}`);

/** Median milliseconds of `runs` calls after `warmup` unmeasured ones. */
async function median(run: () => unknown, runs = 30, warmup = 5): Promise<number> {
  for (let index = 0; index < warmup; index += 1) await run();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const rows: string[] = [];
for (const count of [3_000, 30_000]) {
  const task: TaskPlanV1 = { kind: 'explicit', name: 'bench_0001', index: 0, deviceIds: ids(count) };
  const options = { timeoutUnit: 'minutes', defaultTimeoutMinutes: 30 } as const;
  const ms = await median(() => JSON.stringify(buildLegacyCreateRequest(task, campaign, options).body));
  rows.push(
    `| legacy build + serialize create body, ${count.toLocaleString('en')} IDs (median of 30) | ${ms.toFixed(2)} ms |`,
  );
}

const sim = await startSimulator({
  devices: 30_000,
  timeScale: 0,
  rateLimit: { calls: 1e9 },
  unfinishedTaskLimit: { legacy: 1e6 },
});
const adapter = createLegacyAdapter({
  endpoint: sim.url,
  appId: sim.credentials.legacy.appId,
  secret: sim.credentials.legacy.secret,
});
const fleetIds = Array.from({ length: 30_000 }, (_, index) => sim.fleet.deviceId(index));
let run = 0;
const createMs = await median(
  () =>
    adapter.doCreateTask({
      task: { kind: 'explicit', name: `bench_${++run}`, index: run, deviceIds: fleetIds },
      operation: campaign.operation,
      policy: campaign.policy,
    }),
  10,
  2,
);
rows.push(
  `| legacy doCreateTask with 30,000 IDs against the simulator (median of 10) | ${createMs.toFixed(1)} ms |`,
);
await adapter.close();
await sim.close();

console.log(`node ${process.version}, ${process.platform} ${process.arch}\n`);
console.log('| measure | result |\n|---|---|');
for (const row of rows) console.log(row);
