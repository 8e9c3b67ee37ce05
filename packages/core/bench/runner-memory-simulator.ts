/**
 * The simulator for runner-memory-measure.ts, in its own process so that its fleet and task store do not
 * count in the runner's peak RSS. Prints one JSON line (URL, credentials, the simulated time, the device
 * IDs), then runs until its stdin closes. Not a benchmark file itself.
 * Usage: runner-memory-simulator.ts <devices> <timeScale>
 */
import { startSimulator } from '@fleetcast/simulator';

const devices = Number(process.argv[2] ?? 1_000_000);
const timeScale = Number(process.argv[3] ?? 25);
const sim = await startSimulator({
  devices,
  seed: 3,
  timeScale,
  rateLimit: { calls: 1_000, windowMs: 60_000 },
  unfinishedTaskLimit: { legacy: 10, v5: 10 },
  deviceRatePerSecond: 50,
  failureProbability: 0,
  timeoutProbability: 0,
});
const deviceIds = Array.from({ length: devices }, (_, index) => sim.fleet.deviceId(index));
process.stdout.write(
  `${JSON.stringify({
    url: sim.url,
    projectId: sim.credentials.v5.projectId,
    token: sim.credentials.v5.token,
    now: sim.clock.now(),
    timeScale,
    initializingDelayMs: sim.settings.initializingDelayMs,
    deviceIds,
  })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
  void sim.close().then(() => process.exit(0));
});
