// Runs each simulator benchmark in its own Node process (clean RSS figures) and prints JSON lines.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const runs: [string, string[]][] = [
  ['fleet-load.bench.ts', ['1000000']],
  ['create-throughput.bench.ts', ['10000']],
];
process.stdout.write(`node ${process.version}, ${process.platform} ${process.arch}\n`);
for (const [file, args] of runs) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', here(file), ...args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exitCode = 1;
}
