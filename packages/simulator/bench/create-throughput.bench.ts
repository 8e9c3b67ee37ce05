// Creates per second with 30,000-target bodies from 50 concurrent clients, for both APIs.
// The simulator runs here; the clients run in a child process (create-client.ts).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../src/index.js';

const CLIENTS = 50;
const TARGETS = 30_000;
const DURATION_MS = Number(process.argv[2] ?? 10_000);

const sim = await startSimulator({
  devices: 200_000,
  seed: 2,
  timeScale: 1,
  rateLimit: { calls: 1_000_000_000, windowMs: 60_000 },
  unfinishedTaskLimit: { legacy: 1_000_000, v5: 10 },
});
const ids = (offset: number) =>
  Array.from({ length: TARGETS }, (_, i) => sim.fleet.deviceId((offset + i) % sim.fleet.size));
const lists = Array.from({ length: 4 }, (_, k) => ids(k * 40_000));

function runClients(config: Record<string, unknown>): Promise<Record<string, unknown>> {
  const script = fileURLToPath(new URL('./create-client.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    // The config (with 4 pre-built bodies) goes through a pipe-free argv would be too big: use stdin.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `process.argv[2]=require('node:fs').readFileSync(0,'utf8');import(${JSON.stringify(script)})`,
      ],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as Record<string, unknown>)
        : reject(new Error(`client exited ${code}`)),
    );
    child.stdin.end(JSON.stringify(config));
  });
}

for (const api of ['legacy', 'v5'] as const) {
  sim.reset();
  let headers: Record<string, string>;
  let path: string;
  let bodies: string[];
  if (api === 'legacy') {
    const login = await fetch(`${sim.url}/iocm/app/sec/v1.1.0/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(sim.credentials.legacy),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    headers = {
      app_key: sim.credentials.legacy.appId,
      Authorization: `Bearer ${accessToken}`,
      'content-type': 'application/json',
    };
    path = '/iocm/app/batchtask/v1.1.0/tasks';
    bodies = lists.map((list) =>
      JSON.stringify({
        taskName: '@@',
        taskType: 'DeviceCmd',
        timeout: 60,
        param: { type: 'DeviceList', deviceList: list, command: { serviceId: 's', method: 'm' } },
      }),
    );
  } else {
    headers = { 'X-Auth-Token': sim.credentials.v5.token, 'content-type': 'application/json' };
    path = `/v5/iot/${sim.credentials.v5.projectId}/batchtasks`;
    bodies = lists.map((list) =>
      JSON.stringify({
        task_name: '@@',
        task_type: 'firmwareUpgrade',
        targets: list,
        document: { package_ids: ['p'] },
      }),
    );
  }
  const result = await runClients({
    url: sim.url,
    path,
    headers,
    bodies,
    api,
    clients: CLIENTS,
    durationMs: DURATION_MS,
  });
  process.stdout.write(
    `${JSON.stringify({ bench: 'create-throughput', api, clients: CLIENTS, targetsPerCreate: TARGETS, bodyKiB: Math.round(Buffer.byteLength(bodies[0] as string) / 1024), ...result, serverRssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) })}\n`,
  );
}
await sim.close();
