/**
 * One runner benchmark measurement (issue 5), run by runner-campaign.bench.ts in its own process:
 * a 1,000,000-device explicit campaign against the simulator at 1,000 calls/minute (the adapter told
 * so), on a sped-up clock. Prints one JSON line.
 * Usage: runner-measure.ts <v5|legacy> <devices> <timeScale>
 */
import { createLegacyAdapter } from '@fleetcast/adapter-legacy';
import { createV5Adapter } from '@fleetcast/adapter-v5';
import {
  type Campaign,
  MemoryCampaignStore,
  minimumDuration,
  runCampaign,
  scaledClock,
} from '@fleetcast/core';
import { startSimulator } from '@fleetcast/simulator';

const api = process.argv[2] === 'legacy' ? 'legacy' : 'v5';
const devices = Number(process.argv[3] ?? 1_000_000);
const timeScale = Number(process.argv[4] ?? 100);
const rate = 1_000;
const unfinished = api === 'v5' ? 10 : 1;
const deviceRatePerSecond = 50;

const sim = await startSimulator({
  devices,
  seed: 3,
  timeScale,
  rateLimit: { calls: rate, windowMs: 60_000 },
  unfinishedTaskLimit: { legacy: unfinished, v5: unfinished },
  deviceRatePerSecond,
  // No subtask failures or timeouts, so every full task lasts exactly 30,000 / 50 s and the minimum is exact.
  failureProbability: 0,
  timeoutProbability: 0,
});
const adapter =
  api === 'v5'
    ? createV5Adapter({
        endpoint: sim.url,
        projectId: sim.credentials.v5.projectId,
        token: sim.credentials.v5.token,
        rateLimitPerMinute: rate,
        maxUnfinishedTasks: unfinished,
      })
    : createLegacyAdapter({
        endpoint: sim.url,
        appId: sim.credentials.legacy.appId,
        secret: sim.credentials.legacy.secret,
        rateLimitPerMinute: rate,
        maxUnfinishedTasks: unfinished,
      });
const campaign: Campaign = {
  name: `bench_${api}`,
  target: {
    type: 'DeviceList',
    deviceIds: Array.from({ length: devices }, (_, index) => sim.fleet.deviceId(index)),
  },
  operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: { delay: 0 } },
};
// A full task: the platform's start delay plus 30,000 subtasks at the device rate.
const startDelayMs = api === 'v5' ? sim.settings.initializingDelayMs : sim.settings.pendingDelayMs;
const taskDurationMs = startDelayMs + (30_000 / deviceRatePerSecond) * 1_000;

const realStart = performance.now();
const report = await runCampaign(campaign, {
  adapter,
  clock: scaledClock(sim.clock),
  store: new MemoryCampaignStore(),
  taskDurationMs,
}).result;
const realSeconds = (performance.now() - realStart) / 1_000;
// Throttling answers as the simulator logged them (v5 429 APIGW.0308, legacy 403 1010009). Legacy 403 also
// covers an expired token (1010005): the adapter times expiry on the real clock, the simulator runs faster.
const throttledAnswers = sim
  .requests()
  .filter((entry) => entry.outcome === 429 || entry.outcome === 403).length;
const minimum = minimumDuration(
  { createCalls: report.tasks.length },
  { rateLimitPerMinute: rate, maxUnfinishedTasks: unfinished, taskDurationMs },
);
// The planner's formula gives every task the full duration; the last chunk is shorter (1,000,000 IDs =
// 33 × 30,000 + 10,000), so this bound uses each task's own duration.
const exactMinimum = minimumWithDurations(
  report.tasks.map((task) => startDelayMs + ((task.targets ?? 0) / deviceRatePerSecond) * 1_000),
  rate,
  unfinished,
);
await sim.close();
console.log(
  JSON.stringify({
    api,
    devices,
    timeScale,
    tasks: report.tasks.length,
    creates: report.apiCalls.create,
    polls: report.apiCalls.poll,
    finds: report.apiCalls.find,
    // The adapters' own requests (legacy logins and re-logins), drawn from the same budget.
    authCalls: report.apiCalls.auth ?? 0,
    totalCalls: report.apiCalls.total,
    throttles: report.throttles,
    throttledAnswersSeenBySimulator: throttledAnswers,
    succeeded: report.totals.succeeded,
    simulatedWallSeconds: report.wallTimeMs / 1_000,
    minimumDurationSeconds: minimum / 1_000,
    ratio: report.wallTimeMs / minimum,
    exactMinimumSeconds: exactMinimum / 1_000,
    ratioToExactMinimum: report.wallTimeMs / exactMinimum,
    realSeconds,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);

/**
 * The least wall time for tasks of the given durations, created in plan order: task i starts at the
 * earliest instant after task i−1's start at which fewer than `rate` creates fall in the last 60 s and
 * fewer than `unfinished` earlier tasks are still running. Starting each as early as possible only
 * loosens the constraints on the later ones, so this is the minimum for that order.
 */
function minimumWithDurations(durations: readonly number[], rate: number, unfinished: number): number {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [i, duration] of durations.entries()) {
    let start = i > 0 ? (starts[i - 1] as number) : 0;
    if (i >= rate) start = Math.max(start, (starts[i - rate] as number) + 60_000);
    if (i >= unfinished) {
      // At most `unfinished − 1` earlier tasks may still run: wait for the unfinished-th latest end.
      const latest = [...ends].sort((a, b) => b - a);
      start = Math.max(start, latest[unfinished - 1] as number);
    }
    starts.push(start);
    ends.push(start + duration);
  }
  return ends.length === 0 ? 0 : Math.max(...ends);
}
