// Measures how long a fleet takes to generate and load into a running simulator, and the RSS it needs.
// Run in a fresh process (see run-benchmarks.ts) so the RSS figure is this fleet's alone.
import { generateFleet, startSimulator } from '../src/index.js';

const count = Number(process.argv[2] ?? 1_000_000);
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const fleet = generateFleet({ count, seed: 1 });
const generatedMs = performance.now() - started;
const sim = await startSimulator({ devices: fleet, timeScale: 0 });
// Touch the lazy product index and one lookup so the figure covers a usable fleet.
fleet.membersOfProduct(0);
fleet.indexOf(fleet.deviceId(count - 1));
const readyMs = performance.now() - started;
globalThis.gc?.();
const rssAfter = process.memoryUsage().rss;
await sim.close();
process.stdout.write(
  `${JSON.stringify({ bench: 'fleet-load', devices: count, generateMs: Math.round(generatedMs), readyMs: Math.round(readyMs), rssMiB: Math.round(rssAfter / 2 ** 20), rssGrowthMiB: Math.round((rssAfter - rssBefore) / 2 ** 20) })}\n`,
);
