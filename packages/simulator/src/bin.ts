#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSimulator } from './start-simulator.js';

const USAGE = `fleetcast-simulator: Huawei legacy + IoTDA v5 batch-task APIs on 127.0.0.1

Options:
  --port <n>         TCP port (default 0 = any free port)
  --devices <n>      fleet size (default 1000)
  --seed <n>         seed of fleet, outcomes and faults (default 1)
  --time-scale <x>   simulated seconds per real second (default 1)
  --device-rate <n>  subtasks each running task completes per simulated second (default 50; --rate is an alias)
  --failure-rate <p> probability that a subtask fails, 0–1 (default 0.02)
  --json             print URL and credentials as one JSON line
  -h, --help         this text`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      devices: { type: 'string' },
      seed: { type: 'string' },
      'time-scale': { type: 'string' },
      'device-rate': { type: 'string' },
      // The old name, kept so that scripts written for it still work; \`fleetcast simulate\` says --device-rate.
      rate: { type: 'string' },
      'failure-rate': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const number = (name: string, raw: string | undefined, fallback: number): number => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got ${raw}`);
    return value;
  };
  const sim = await startSimulator({
    port: number('port', values.port, 0),
    devices: number('devices', values.devices, 1000),
    seed: number('seed', values.seed, 1),
    timeScale: number('time-scale', values['time-scale'], 1),
    deviceRatePerSecond: number('device-rate', values['device-rate'] ?? values.rate, 50),
    ...(values['failure-rate'] === undefined
      ? {}
      : { failureProbability: number('failure-rate', values['failure-rate'], 0.02) }),
  });
  // The simulator's credentials are made up at start and only valid for this process, so printing them is the point.
  if (values.json)
    process.stdout.write(`${JSON.stringify({ url: sim.url, credentials: sim.credentials })}\n`);
  else {
    const { legacy, v5 } = sim.credentials;
    process.stdout.write(
      [
        `fleetcast-simulator listening on ${sim.url} (${sim.fleet.size} devices)`,
        `legacy  appId=${legacy.appId} secret=${legacy.secret}`,
        `v5      projectId=${v5.projectId} appId=${v5.appId}`,
        `v5      X-Auth-Token=${v5.token}`,
        `v5      AK/SK: accessKey=${v5.accessKey} secretKey=${v5.secretKey} region=${sim.configure({}).v5Region}`,
        `v5      temporary AK/SK: accessKey=${v5.temporary.accessKey} secretKey=${v5.temporary.secretKey} securityToken=${v5.temporary.securityToken}`,
        `v5      IAM login: user=${v5.userName} password=${v5.password} domain=${v5.domainName}`,
        `admin   ${sim.url}/__fleetcast__/state`,
        '',
      ].join('\n'),
    );
  }
  const stop = () => {
    sim.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fleetcast-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
