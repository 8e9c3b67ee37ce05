/**
 * Planner benchmark (issue 2): plans 1 M and 10 M device IDs from an in-memory list and from a
 * streaming directory, each measurement in its own process so peak RSS is measured fairly.
 * Targets: ≥ 5 M IDs/s from a list; peak RSS at 10 M streamed within 1.3× of 1 M streamed.
 * Runs each measurement `PLANNER_BENCH_REPEATS` times (default 3) and reports the median.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Measurement {
  mode: string;
  count: number;
  tasks: number;
  seconds: number;
  idsPerSecond: number;
  idsPerCpuSecond: number;
  peakRssMiB: number;
}

const script = join(dirname(fileURLToPath(import.meta.url)), 'planner-measure.ts');
const repeats = Number(process.env.PLANNER_BENCH_REPEATS ?? 3);

function measureOnce(mode: string, count: number): Measurement {
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, mode, String(count)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`planner-measure ${mode} ${count} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(mode: string, count: number) {
  const runs = Array.from({ length: repeats }, () => measureOnce(mode, count));
  return {
    mode,
    count,
    tasks: runs[0]!.tasks,
    idsPerSecond: median(runs.map((run) => run.idsPerSecond)),
    idsPerCpuSecond: median(runs.map((run) => run.idsPerCpuSecond)),
    peakRssMiB: median(runs.map((run) => run.peakRssMiB)),
  };
}

const loadAtStart = loadavg()[0]!;
const results = [
  measure('list', 1_000_000),
  measure('list', 10_000_000),
  measure('stream', 1_000_000),
  measure('stream', 10_000_000),
  measure('stream-warm', 1_000_000),
  measure('stream-warm', 10_000_000),
];

console.log(`node ${process.version}, ${repeats} run(s) per row, median shown`);
console.log(`load average at start: ${loadAtStart.toFixed(1)} on ${availableParallelism()} cores`);
console.log('mode            devices   tasks   IDs/s wall (M)   IDs/CPU-s (M)   peak RSS (MiB)');
for (const row of results) {
  console.log(
    `${row.mode.padEnd(11)} ${row.count.toLocaleString('en-US').padStart(11)} ${String(row.tasks).padStart(7)}` +
      `   ${(row.idsPerSecond / 1e6).toFixed(2).padStart(14)}   ${(row.idsPerCpuSecond / 1e6).toFixed(2).padStart(13)}` +
      `   ${row.peakRssMiB.toFixed(0).padStart(14)}`,
  );
}
type Row = (typeof results)[number];
const [list1m, list10m, stream1m, stream10m, warm1m, warm10m] = results as [Row, Row, Row, Row, Row, Row];
const listRate = Math.min(list1m.idsPerSecond, list10m.idsPerSecond);
const listCpuRate = Math.min(list1m.idsPerCpuSecond, list10m.idsPerCpuSecond);
const rssRatio = stream10m.peakRssMiB / stream1m.peakRssMiB;
console.log(
  `target ≥ 5 M IDs/s from a list: ${(listRate / 1e6).toFixed(2)} M/s wall, ${(listCpuRate / 1e6).toFixed(2)} M/CPU-s ` +
    `(slower of 1 M and 10 M) → ${listRate >= 5e6 ? 'met' : 'NOT met'} (wall)`,
);
const warmRatio = warm10m.peakRssMiB / warm1m.peakRssMiB;
console.log(
  `target 10 M / 1 M streamed peak RSS ≤ 1.3: ${rssRatio.toFixed(2)} → ${rssRatio <= 1.3 ? 'met' : 'NOT met'}`,
);
console.log(`same after an equal 2 M warm-up in both processes: ${warmRatio.toFixed(2)}`);
