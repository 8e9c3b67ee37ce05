import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { resolve } from 'node:path';
import type { Fleet, Simulator } from '@fleetcast/simulator';
import { type Command, InvalidArgumentError } from 'commander';
import { CliInputError } from '../cli-input-error.js';
import { type CliContext, printLine } from '../cli-context.js';
import { fleetDeviceRecords } from '../demo/fleet-device-records.js';
import { describeFleet } from '../describe-fleet.js';
import { type CredentialsFile, credentialVariables } from '../load-credentials.js';
import { nonNegativeInteger, positiveInteger } from '../platform-options.js';

interface SimulateOptions {
  port: number;
  devices: number;
  seed: number;
  timeScale: number;
  deviceRate?: number;
  failureRate?: number;
  credentialsOut?: string;
  fleetOut?: string;
}

/**
 * `fleetcast simulate [--port] [--devices] [--seed]`: both platform APIs on 127.0.0.1 until Ctrl-C,
 * printing the URL and the simulator's own credentials (made up at start; they open nothing else).
 */
export function registerSimulateCommand(program: Command, context: CliContext): void {
  program
    .command('simulate')
    .description(
      'run the platform simulator (legacy and v5 APIs on 127.0.0.1) until Ctrl-C; prints URL and credentials',
    )
    .option('--port <port>', 'TCP port (0 picks a free one)', nonNegativeInteger, 0)
    .option('--devices <count>', 'size of the generated fleet', nonNegativeInteger, 1000)
    .option('--seed <seed>', 'seed of the fleet and of subtask outcomes', nonNegativeInteger, 1)
    .option(
      '--time-scale <factor>',
      'simulated time runs this many times faster than real time',
      positiveNumber,
      1,
    )
    .option(
      '--device-rate <devices>',
      'subtasks each running task completes per simulated second (default 50)',
      positiveInteger,
    )
    .option(
      '--failure-rate <probability>',
      'probability that a subtask fails, 0–1 (default 0.02)',
      probability,
    )
    .option('--credentials-out <file>', 'also write the credentials as a file for --credentials (mode 600)')
    .option(
      '--fleet-out <file>',
      'write the simulated fleet as a fleet file (one JSON device record per line) for --devices',
    )
    .action(async (options: SimulateOptions) => {
      // Loaded here: every other command starts without the simulator's code (about 8 MiB of RSS).
      const { startSimulator } = await import('@fleetcast/simulator');
      const simulator = await startSimulator({
        port: options.port,
        devices: options.devices,
        seed: options.seed,
        timeScale: options.timeScale,
        ...(options.deviceRate === undefined ? {} : { deviceRatePerSecond: options.deviceRate }),
        ...(options.failureRate === undefined ? {} : { failureProbability: options.failureRate }),
      }).catch((error: unknown) => {
        if ((error as { code?: unknown } | null)?.code === 'EADDRINUSE') {
          throw new CliInputError(
            '--port',
            `port ${options.port} on 127.0.0.1 is already in use; pick another or 0`,
          );
        }
        throw error;
      });
      try {
        if (options.credentialsOut) {
          await writeFile(
            resolve(context.io.cwd, options.credentialsOut),
            `${JSON.stringify(simulatorCredentialsFile(simulator), null, 2)}\n`,
            { mode: 0o600 },
          );
        }
        if (options.fleetOut)
          await writeFleetFile(simulator.fleet, resolve(context.io.cwd, options.fleetOut));
        printLine(context, describeSimulator(simulator, options.devices));
        printLine(context);
        for (const line of describeFleet(simulator.fleet)) printLine(context, line);
        if (options.fleetOut) {
          printLine(
            context,
            `  written to ${options.fleetOut}, one device record per line: use it with --devices`,
          );
        }
        await untilAborted(context.io.signal);
      } finally {
        await simulator.close();
      }
      printLine(context, 'simulator stopped');
    });
}

/** The simulator's credentials in the credentials-file shape. */
export function simulatorCredentialsFile(simulator: Simulator): CredentialsFile {
  const { legacy, v5 } = simulator.credentials;
  return {
    legacy: { appId: legacy.appId, secret: legacy.secret },
    v5: {
      projectId: v5.projectId,
      accessKey: v5.accessKey,
      secretKey: v5.secretKey,
      region: simulator.configure({}).v5Region,
    },
  };
}

/** What `simulate` prints: where it listens and how to point the other commands at it. */
export function describeSimulator(simulator: Simulator, devices: number): string {
  const { legacy, v5 } = simulator.credentials;
  return [
    `fleetcast simulator listening on ${simulator.url} (${devices} devices; Ctrl-C stops it)`,
    '',
    'Its credentials are made up for this run. To use them from another shell:',
    `  export ${credentialVariables.legacyAppId}=${legacy.appId}`,
    `  export ${credentialVariables.legacySecret}=${legacy.secret}`,
    `  export ${credentialVariables.v5ProjectId}=${v5.projectId}`,
    `  export ${credentialVariables.v5AccessKey}=${v5.accessKey}`,
    `  export ${credentialVariables.v5SecretKey}=${v5.secretKey}`,
    `  export ${credentialVariables.v5Region}=${simulator.configure({}).v5Region}`,
    `  fleetcast run campaign.json --platform v5 --endpoint ${simulator.url}`,
    `  (v5 also takes ${credentialVariables.v5Token}=${v5.token} instead of the keys)`,
  ].join('\n');
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a number above 0.');
  return parsed;
}

function probability(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new InvalidArgumentError('expected a probability from 0 to 1.');
  }
  return parsed;
}

/** Writes `fleet` as a fleet file, one JSON device record per line, streamed (a 1 M fleet is ~250 MB). */
export async function writeFleetFile(fleet: Fleet, path: string): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  try {
    for (const record of fleetDeviceRecords(fleet)) {
      if (!out.write(`${JSON.stringify(record)}\n`))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    out.end();
  }
  await finished(out);
}
