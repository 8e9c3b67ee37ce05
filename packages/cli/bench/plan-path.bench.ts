/**
 * The CLI's planning path against its floor (issue 16): `fleetcast plan <campaign> --devices fleet.jsonl`
 * on 1,000,000 and 10,000,000 lines, beside a process that only reads the same file line by line and
 * `JSON.parse`s each line. Every measurement is its own child process of the built binary
 * (`packages/cli/dist/bin.js`, built first with `pnpm -r exec tsup` when missing), timed by this process
 * (start-up included on both sides) and reporting its own peak RSS (`process.resourceUsage().maxRSS`,
 * printed at exit by a preloaded module). The rows alternate CLI and floor, so that a change in the
 * machine's load hits both.
 *
 * `node --import tsx bench/plan-path.bench.ts [lines=1000000,10000000] [repeats=3]`
 * Targets: wall time and peak RSS at 1 M within 1.5× of the floor; peak RSS at 10 M within 1.3× of 1 M.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sizes = (process.argv[2] ?? '1000000,10000000').split(',').map(Number);
const repeats = Number(process.argv[3] ?? 3);
const cliPackage = fileURLToPath(new URL('..', import.meta.url));
const workspace = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(cliPackage, 'dist', 'bin.js');
const folder = mkdtempSync(join(tmpdir(), 'fleetcast-plan-path-'));

if (!existsSync(bin)) {
  const built = spawnSync(
    'npx',
    ['-y', 'pnpm@10', '-r', '--filter', './packages/**', 'exec', 'tsup', '--silent'],
    {
      cwd: workspace,
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) throw new Error('building dist failed');
}

const deviceTypes = ['WaterMeter', 'GasMeter', 'SmokeDetector', 'StreetLight', 'Tracker', 'Thermostat'];
const locations = ['Shenzhen', 'Shanghai', 'Beijing', 'Guangzhou', 'Chengdu', 'Wuhan', 'Hangzhou', 'Xian'];
const groups = ['beta', 'alpha', 'canary', 'north', 'south', 'lab'];

/** A fleet file of `lines` records (about 150 bytes each), facts on the record and under `facts`. */
function writeFleet(lines: number): string {
  const path = join(folder, `fleet-${lines}.jsonl`);
  const fd = openSync(path, 'w');
  let buffer = '';
  for (let index = 0; index < lines; index++) {
    const groupNames = index % 3 === 0 ? [] : [groups[index % groups.length]];
    buffer += `${JSON.stringify({
      id: `device_${index.toString().padStart(8, '0')}`,
      deviceType: deviceTypes[(index * 7) % deviceTypes.length],
      location: locations[(index * 13) % locations.length],
      groupNames,
      facts: { firmwareVersion: (index * 31) % 6, lastSeen: 1_700_000_000_000 + index },
    })}\n`;
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  return path;
}

const campaignPath = join(folder, 'campaign.json');
writeFileSync(
  campaignPath,
  JSON.stringify({
    name: 'plan_path_bench',
    target: {
      type: 'Rules',
      conditions: {
        all: [
          { fact: 'deviceType', operator: 'equal', value: 'WaterMeter' },
          { fact: 'firmwareVersion', operator: 'lessThan', value: 3 },
          {
            any: [
              { fact: 'location', operator: 'in', value: ['Shenzhen', 'Shanghai'] },
              { fact: 'groupNames', operator: 'contains', value: 'beta' },
            ],
          },
        ],
      },
    },
    operation: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
  }),
);

// Printed by every child at exit: its own peak resident set.
const reportRss = join(folder, 'report-rss.mjs');
writeFileSync(
  reportRss,
  "process.on('exit', () => { const cpu = process.cpuUsage(); process.stderr.write('\\n@@rss ' + process.resourceUsage().maxRSS / 1024 + ' @@cpu ' + (cpu.user + cpu.system) / 1e6 + '\\n'); });\n",
);

// The floor: read the file line by line with Node's line reader and JSON.parse each line, nothing else.
const floorScript = join(folder, 'floor.mjs');
writeFileSync(
  floorScript,
  `import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
let lines = 0;
let ids = 0;
const input = createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity });
for await (const line of input) {
  const record = JSON.parse(line);
  lines++;
  if (typeof record.id === 'string') ids++;
}
console.log(JSON.stringify({ lines, ids }));
`,
);

interface Measurement {
  seconds: number;
  /** User + system CPU time of the child: unlike wall time, hardly moved by other processes' load. */
  cpuSeconds: number;
  peakRssMiB: number;
  stdout: string;
}

function measure(args: string[]): Measurement {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', reportRss, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  const rss = /@@rss ([\d.]+)/u.exec(child.stderr);
  if (!rss) throw new Error(`no peak RSS reported by ${args.join(' ')}`);
  const cpu = /@@cpu ([\d.]+)/u.exec(child.stderr);
  return {
    seconds,
    cpuSeconds: Number(cpu?.[1] ?? Number.NaN),
    peakRssMiB: Number(rss[1]),
    stdout: child.stdout,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

interface Row {
  lines: number;
  cliSeconds: number;
  floorSeconds: number;
  wallRatio: number;
  cliCpuSeconds: number;
  floorCpuSeconds: number;
  cpuRatio: number;
  cliPeakRssMiB: number;
  floorPeakRssMiB: number;
  rssRatio: number;
  plannedDevices: number;
}

console.log(JSON.stringify({ node: process.version, loadAverage: loadavg(), sizes, repeats }));
const rows: Row[] = [];
try {
  for (const lines of sizes) {
    const fleet = writeFleet(lines);
    const cli: Measurement[] = [];
    const floor: Measurement[] = [];
    for (let round = 0; round < repeats; round++) {
      cli.push(measure([bin, 'plan', campaignPath, '--platform', 'v5', '--devices', fleet, '--json']));
      floor.push(measure([floorScript, fleet]));
    }
    const floorLines = (JSON.parse(floor[0]?.stdout ?? '{}') as { lines: number }).lines;
    if (floorLines !== lines) throw new Error(`the floor read ${floorLines} lines, expected ${lines}`);
    const plan = JSON.parse(cli[0]?.stdout ?? '{}') as {
      summary: { devices?: number; explicitDevices?: number };
    };
    const row: Row = {
      lines,
      cliSeconds: median(cli.map((m) => m.seconds)),
      floorSeconds: median(floor.map((m) => m.seconds)),
      wallRatio: 0,
      cliCpuSeconds: median(cli.map((m) => m.cpuSeconds)),
      floorCpuSeconds: median(floor.map((m) => m.cpuSeconds)),
      cpuRatio: 0,
      cliPeakRssMiB: median(cli.map((m) => m.peakRssMiB)),
      floorPeakRssMiB: median(floor.map((m) => m.peakRssMiB)),
      rssRatio: 0,
      plannedDevices: plan.summary.devices ?? plan.summary.explicitDevices ?? -1,
    };
    row.wallRatio = Number((row.cliSeconds / row.floorSeconds).toFixed(2));
    row.cpuRatio = Number((row.cliCpuSeconds / row.floorCpuSeconds).toFixed(2));
    row.rssRatio = Number((row.cliPeakRssMiB / row.floorPeakRssMiB).toFixed(2));
    rows.push(row);
    console.log(JSON.stringify({ ...row, loadAverage: loadavg() }));
    rmSync(fleet);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

console.log(
  '\n| lines | plan wall s | floor wall s | wall ratio | plan CPU s | floor CPU s | CPU ratio | plan peak RSS MiB | floor peak RSS MiB | RSS ratio |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(
    `| ${row.lines.toLocaleString('en')} | ${row.cliSeconds.toFixed(2)} | ${row.floorSeconds.toFixed(2)} | ${row.wallRatio} | ${row.cliCpuSeconds.toFixed(2)} | ${row.floorCpuSeconds.toFixed(2)} | ${row.cpuRatio} | ${Math.round(row.cliPeakRssMiB)} | ${Math.round(row.floorPeakRssMiB)} | ${row.rssRatio} |`,
  );
}
const failures: string[] = [];
const million = rows.find((row) => row.lines === 1_000_000);
const tenMillion = rows.find((row) => row.lines === 10_000_000);
if (million && million.wallRatio > 1.5)
  failures.push(`1 M lines: wall ${million.wallRatio}× the floor, target ≤ 1.5×`);
if (million && million.rssRatio > 1.5)
  failures.push(`1 M lines: peak RSS ${million.rssRatio}× the floor, target ≤ 1.5×`);
if (million && tenMillion) {
  const growth = tenMillion.cliPeakRssMiB / million.cliPeakRssMiB;
  console.log(`peak RSS 10 M ÷ 1 M: ${growth.toFixed(2)}`);
  if (growth > 1.3) failures.push(`peak RSS at 10 M is ${growth.toFixed(2)}× that at 1 M, target ≤ 1.3×`);
}
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exitCode = 1;
}
