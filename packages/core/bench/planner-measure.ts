/**
 * One planner measurement in a fresh process, so that its peak RSS is its own:
 * `node --import tsx bench/planner-measure.ts <list|stream|stream-warm> <deviceCount>` prints one JSON line.
 * `stream-warm` first streams a 2 M-device plan (JIT and heap sizing, a per-process cost that does not
 * depend on the measured size), then measures; its peak RSS still covers the whole process.
 * Started by planner-throughput.bench.ts; not a benchmark file itself.
 */
import type { DeviceDirectory } from '../src/directory/device-directory.js';
import type { DeviceRecord } from '../src/directory/device-record.js';
import { plan } from '../src/planner/plan.js';
import { planStream } from '../src/planner/plan-stream.js';
import type { Campaign } from '../src/campaign/campaign.js';
import type { Operation } from '../src/campaign/operation.js';

const [mode, countText] = process.argv.slice(2);
const count = Number(countText);
const operation: Operation = { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] };

/**
 * A directory that makes its records on demand, like a paged platform listing: each batch is a JSON page
 * parsed into records (so IDs are flat strings, as from any real source), and it holds one page at a time.
 */
function generatedDirectory(total: number): DeviceDirectory {
  return {
    selectors: new Set(['Broadcast']),
    async *devices(_query, options) {
      const size = options?.batchSize ?? 1000;
      for (let start = 0; start < total; start += size) {
        const end = Math.min(total, start + size);
        const entries: string[] = [];
        for (let index = start; index < end; index++) entries.push(`{"id":"device_${index}"}`);
        yield JSON.parse(`[${entries.join(',')}]`) as DeviceRecord[];
      }
    },
  };
}

interface Timing {
  seconds: number;
  /** User + system CPU time: unlike wall time, not inflated when other processes share the cores. */
  cpuSeconds: number;
  tasks: number;
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function measureList(): Promise<Timing> {
  // Through JSON, as a campaign file would arrive: V8 then holds flat strings. Template literals of 13+
  // characters would be rope strings that every string operation first flattens, which no real input is.
  const deviceIds: string[] = JSON.parse(
    JSON.stringify(Array.from({ length: count }, (_, index) => `device_${index}`)),
  );
  const campaign: Campaign = { name: 'bench_list', target: { type: 'DeviceList', deviceIds }, operation };
  await plan({ ...campaign, target: { type: 'DeviceList', deviceIds: deviceIds.slice(0, 100_000) } }); // warm-up
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await plan(campaign);
  return {
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    cpuSeconds: cpuSecondsSince(cpu),
    tasks: result.tasks.length,
  };
}

async function streamAll(campaign: Campaign, total: number): Promise<{ tasks: number; ids: number }> {
  let tasks = 0;
  let ids = 0;
  for await (const task of planStream(campaign, { directory: generatedDirectory(total) })) {
    tasks++;
    if (task.kind === 'explicit') ids += task.deviceIds.length;
  }
  return { tasks, ids };
}

async function measureStream(warmUp: boolean): Promise<Timing> {
  const campaign: Campaign = { name: 'bench_stream', target: { type: 'Broadcast' }, operation };
  if (warmUp) await streamAll(campaign, 2_000_000);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const { tasks, ids } = await streamAll(campaign, count);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (ids !== count) throw new Error(`expected ${count} IDs, planned ${ids}`);
  return { seconds, cpuSeconds: cpuSecondsSince(cpu), tasks };
}

const { seconds, cpuSeconds, tasks } =
  mode === 'list' ? await measureList() : await measureStream(mode === 'stream-warm');
console.log(
  JSON.stringify({
    mode,
    count,
    tasks,
    seconds,
    idsPerSecond: count / seconds,
    idsPerCpuSecond: count / cpuSeconds,
    // maxRSS is in kilobytes: the process's peak resident set, including the list it was given.
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
