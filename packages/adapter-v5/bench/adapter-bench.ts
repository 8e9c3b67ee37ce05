// Adapter benchmarks: create-request building and serialization, an end-to-end create against the
// simulator, and the directory's heap while streaming a large fleet. Run: `npx -y pnpm@10 bench`
// (or `node --expose-gc --import tsx bench/adapter-bench.ts` in packages/adapter-v5). Figures: docs/benchmarks.md.
import { performance } from 'node:perf_hooks';
import type { Campaign, TaskPlanV1 } from '@fleetcast/core';
import { startSimulator } from '@fleetcast/simulator';
import { buildV5CreateRequest, createV5Adapter, signV5Request } from '../src/index.js';

const ids = (count: number) =>
  Array.from({ length: count }, (_, index) => `device_${index.toString().padStart(12, '0')}`);
const explicit = (count: number): TaskPlanV1 => ({
  kind: 'explicit',
  name: 'bench_0001',
  index: 0,
  deviceIds: ids(count),
});
const v5Campaign: Campaign = {
  name: 'bench',
  target: { type: 'Broadcast' },
  operation: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
};

/** Median milliseconds of `runs` calls after `warmup` unmeasured ones. */
function median(run: () => unknown, runs = 30, warmup = 5): number {
  for (let index = 0; index < warmup; index += 1) run();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const rows: string[] = [];
for (const count of [3_000, 30_000]) {
  const task = explicit(count);
  const v5 = median(() =>
    JSON.stringify(
      buildV5CreateRequest(task, v5Campaign, {
        projectId: 'p',
        upgradePackageKey: 'package_ids',
        groupIdsByName: new Map(),
      }).body,
    ),
  );
  rows.push(
    `| v5 build + serialize create body, ${count.toLocaleString('en')} IDs (median of 30) | ${v5.toFixed(2)} ms |`,
  );
}

// AK/SK: the signature hashes the exact body once (SHA-256) plus two small HMACs (derived: and one HKDF).
const body30k = JSON.stringify(
  buildV5CreateRequest(explicit(30_000), v5Campaign, {
    projectId: 'p',
    upgradePackageKey: 'package_ids',
    groupIdsByName: new Map(),
  }).body,
);
for (const algorithm of ['SDK-HMAC-SHA256', 'V11-HMAC-SHA256'] as const) {
  const signing = median(() =>
    signV5Request({
      method: 'POST',
      url: 'https://abc.st1.iotda-app.cn-north-4.myhuaweicloud.com/v5/iot/p/batchtasks',
      headers: { 'X-Sdk-Date': '20261204T010203Z', 'Content-Type': 'application/json', host: 'h' },
      body: body30k,
      accessKey: 'AK',
      secretKey: 'SK',
      algorithm,
      regionId: 'cn-north-4',
      service: 'iotdm',
    }),
  );
  rows.push(
    `| v5 sign (${algorithm}) a 30,000-ID create body of ${(body30k.length / 2 ** 20).toFixed(2)} MiB (median of 30) | ${signing.toFixed(2)} ms |`,
  );
}

const sim = await startSimulator({
  devices: 100_000,
  timeScale: 0,
  rateLimit: { calls: 1e9 },
  unfinishedTaskLimit: { v5: 1e6 },
});
const adapter = createV5Adapter({
  endpoint: sim.url,
  projectId: sim.credentials.v5.projectId,
  token: sim.credentials.v5.token,
});
const fleetIds = Array.from({ length: 30_000 }, (_, index) => sim.fleet.deviceId(index));
const createTimes: number[] = [];
for (let index = 0; index < 10; index += 1) {
  const start = performance.now();
  await adapter.doCreateTask({
    task: { kind: 'explicit', name: `bench_${index}`, index, deviceIds: fleetIds },
    operation: v5Campaign.operation,
    policy: v5Campaign.policy,
  });
  createTimes.push(performance.now() - start);
}
createTimes.sort((a, b) => a - b);
rows.push(
  `| v5 doCreateTask with 30,000 IDs against the simulator (median of 10) | ${createTimes[5]?.toFixed(1)} ms |`,
);
// The same create signed (derived, temporary keys), verified by the simulator's gateway.
const signedAdapter = createV5Adapter({
  endpoint: sim.url,
  projectId: sim.credentials.v5.projectId,
  credentials: sim.credentials.v5.temporary,
  region: 'cn-north-4',
});
const signedTimes: number[] = [];
for (let index = 0; index < 10; index += 1) {
  const start = performance.now();
  await signedAdapter.doCreateTask({
    task: { kind: 'explicit', name: `bench_signed_${index}`, index, deviceIds: fleetIds },
    operation: v5Campaign.operation,
    policy: v5Campaign.policy,
  });
  signedTimes.push(performance.now() - start);
}
signedTimes.sort((a, b) => a - b);
rows.push(
  `| v5 doCreateTask with 30,000 IDs on derived AK/SK, verified by the simulator (median of 10) | ${signedTimes[5]?.toFixed(1)} ms |`,
);
await signedAdapter.close();

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let peak = heapBefore;
let streamed = 0;
const start = performance.now();
for await (const batch of adapter.doOpenDirectory!({}).devices({ type: 'Broadcast' }, { batchSize: 1000 })) {
  streamed += batch.length;
  // Retained heap after a full GC: what the directory keeps, not garbage awaiting collection.
  globalThis.gc?.();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}
const seconds = (performance.now() - start) / 1000;
rows.push(
  `| v5 directory, Broadcast over ${streamed.toLocaleString('en')} devices | ${Math.round(streamed / seconds).toLocaleString('en')} devices/s (GC after each batch), max retained heap +${((peak - heapBefore) / 2 ** 20).toFixed(1)} MiB (simulator in the same process) |`,
);
await adapter.close();
await sim.close();

console.log(`node ${process.version}, ${process.platform} ${process.arch}\n`);
console.log('| measure | result |\n|---|---|');
for (const row of rows) console.log(row);
