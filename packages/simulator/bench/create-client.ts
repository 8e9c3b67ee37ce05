// The 50 concurrent clients of create-throughput.bench.ts, in their own process so their CPU time
// (building and sending 1.2 MB bodies) does not count against the simulator.
const config = JSON.parse(process.argv[2] as string) as {
  url: string;
  path: string;
  headers: Record<string, string>;
  bodies: string[];
  api: string;
  clients: number;
  durationMs: number;
};

let sequence = 0;
let created = 0;
let failed = 0;
const latencies: number[] = [];
const deadline = performance.now() + config.durationMs;
const client = async () => {
  while (performance.now() < deadline) {
    const n = sequence++;
    const body = (config.bodies[n % config.bodies.length] as string).replace(
      '@@',
      `bench_${config.api}_${n}`,
    );
    const started = performance.now();
    const response = await fetch(`${config.url}${config.path}`, {
      method: 'POST',
      headers: config.headers,
      body,
    });
    const answer = (await response.json()) as Record<string, unknown>;
    latencies.push(performance.now() - started);
    if ((response.status === 200 && 'taskID' in answer) || response.status === 201) created++;
    else failed++;
  }
};
const started = performance.now();
await Promise.all(Array.from({ length: config.clients }, client));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
process.stdout.write(
  `${JSON.stringify({ seconds: Math.round(seconds * 10) / 10, created, failed, createsPerSecond: Math.round((created / seconds) * 10) / 10, p50ms: pct(0.5), p95ms: pct(0.95) })}\n`,
);
