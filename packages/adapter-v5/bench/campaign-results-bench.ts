// campaignResults over a large v5 campaign against the simulator: platform calls against the minimum
// (ceil(subtasks / 50) per task), wall time against the rate-limit bound, peak RSS.
// Run: `node --expose-gc --import tsx bench/campaign-results-bench.ts [devices]` in packages/adapter-v5.
// Figures: docs/benchmarks.md, "Campaign results (#14)".
import { performance } from 'node:perf_hooks';
import {
  type Campaign,
  campaignResults,
  MemoryCampaignStore,
  runCampaign,
  scaledClock,
} from '@fleetcast/core';
import { startSimulator } from '@fleetcast/simulator';
import { createV5Adapter } from '../src/index.js';

const devices = Number(process.argv[2] ?? 300_000);
const perMinute = 100;
// 1,000× simulated time: the platform's 100 calls per minute become 100 per 60 real ms.
const timeScale = 1_000;
const sim = await startSimulator({
  devices,
  seed: 14,
  timeScale,
  rateLimit: { calls: perMinute, windowMs: 60_000 },
  unfinishedTaskLimit: { v5: 1_000 },
  deviceRatePerSecond: 1_000_000,
  failureProbability: 0.05,
  timeoutProbability: 0.01,
  // A static token would expire within the benchmark's simulated hours.
  tokenLifetimeMs: { v5: 365 * 86_400_000 },
});
const adapter = createV5Adapter({
  endpoint: sim.url,
  projectId: sim.credentials.v5.projectId,
  token: sim.credentials.v5.token,
  rateLimitPerMinute: perMinute,
});
const clock = scaledClock(sim.clock);
const campaign: Campaign = {
  name: 'results_bench',
  target: {
    type: 'DeviceList',
    deviceIds: Array.from({ length: devices }, (_, index) => sim.fleet.deviceId(index)),
  },
  operation: { type: 'freezeDevices' },
};
const store = new MemoryCampaignStore();
const report = await runCampaign(campaign, { adapter, clock, store, campaignId: 'bench' }).result;

globalThis.gc?.();
const before = sim.requests().length;
let peakRss = process.memoryUsage().rss;
const baseRss = peakRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const started = performance.now();
let records = 0;
const byState = new Map<string, number>();
for await (const device of campaignResults('bench', { adapter, store, clock })) {
  records += 1;
  byState.set(device.state, (byState.get(device.state) ?? 0) + 1);
}
const wallMs = performance.now() - started;
clearInterval(sampler);
const calls = sim.requests().length - before;
const minimum = report.tasks.reduce((sum, task) => sum + Math.ceil((task.targets ?? 0) / 50), 0);
// The budget frees a slot 60 s after the answer, so n calls take at least (n / perMinute − 1) minutes.
const boundMs = ((Math.ceil(minimum / perMinute) - 1) * 60_000) / timeScale;
const throttled = sim
  .requests()
  .slice(before)
  .filter((entry) => entry.outcome === 429).length;
console.log(
  `| devices | tasks | records | calls (min ceil(n/50)/task) | throttled | wall | rate bound | peak RSS (base) |`,
);
console.log(
  `| ${devices.toLocaleString('en')} | ${report.tasks.length} | ${records.toLocaleString('en')} | ${calls.toLocaleString('en')} (${minimum.toLocaleString('en')}) | ${throttled} | ${(wallMs / 1000).toFixed(1)} s real = ${((wallMs * timeScale) / 60_000).toFixed(1)} simulated min | ${(boundMs / 1000).toFixed(1)} s real = ${((boundMs * timeScale) / 60_000).toFixed(0)} min | ${(peakRss / 2 ** 20).toFixed(0)} MB (${(baseRss / 2 ** 20).toFixed(0)} MB) |`,
);
console.log([...byState].map(([state, count]) => `${state}: ${count}`).join(', '));
await adapter.close();
await sim.close();
