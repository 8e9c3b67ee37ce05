import { createLegacyAdapter } from '@fleetcast/adapter-legacy';
import { createV5Adapter } from '@fleetcast/adapter-v5';
import {
  type CampaignReport,
  InMemoryDirectory,
  type Operation,
  runCampaign,
  type TargetSpec,
} from '@fleetcast/core';
import { startSimulator } from '@fleetcast/simulator';
import { type Command, Option } from 'commander';
import { type CliContext, printError, printLine } from '../cli-context.js';
import { demoCampaigns } from '../demo/demo-campaigns.js';
import { fleetDeviceRecords } from '../demo/fleet-device-records.js';
import { ExitCode } from '../exit-code.js';
import { formatCampaignReport } from '../format-campaign-report.js';
import { nonNegativeInteger, positiveInteger } from '../platform-options.js';
import { chooseProgressView, type ProgressMode, progressModes } from '../progress/choose-progress-view.js';
import { formatCount, formatDuration } from '../progress/format-number.js';

interface DemoOptions {
  devices: number;
  seed: number;
  deviceRate: number;
  json?: boolean;
  progress: ProgressMode;
}

/** Simulated subtask outcomes in the demo: a few failures and timeouts, as a real fleet has. */
const demoFailureProbability = 0.004;
const demoTimeoutProbability = 0.002;

/**
 * `fleetcast demo`: starts the simulator with about 250,000 devices and runs two campaigns side by side
 * with live progress: a v5 firmware upgrade of one device type (expanded into 30,000-ID tasks) and a
 * legacy command to one area (selected natively). Prints both reports. Exit 0 when both campaigns
 * complete with every task created and finished (simulated device failures are part of the show),
 * 1 otherwise, 3 on Ctrl-C.
 */
export function registerDemoCommand(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description('run two campaigns against the built-in simulator (250,000 devices) and watch them complete')
    .option('--devices <count>', 'fleet size', positiveInteger, 250_000)
    .option('--seed <seed>', 'seed of the fleet and of subtask outcomes', nonNegativeInteger, 2026)
    .option(
      '--device-rate <devices>',
      'subtasks each running task completes per second',
      positiveInteger,
      2500,
    )
    .option('--json', 'print both reports as one JSON object {v5, legacy}')
    .addOption(
      new Option('--progress <mode>', 'bars on a terminal, plain lines otherwise (auto)')
        .choices(progressModes)
        .default('auto'),
    )
    .action(async (options: DemoOptions) => {
      const started = performance.now();
      const elapsed = () => formatDuration(performance.now() - started);
      printError(
        context,
        `Starting the simulator with ${formatCount(options.devices)} devices (seed ${options.seed})…`,
      );
      const simulator = await startSimulator({
        devices: options.devices,
        seed: options.seed,
        deviceRatePerSecond: options.deviceRate,
        failureProbability: demoFailureProbability,
        timeoutProbability: demoTimeoutProbability,
      });
      const v5 = createV5Adapter({
        endpoint: simulator.url,
        projectId: simulator.credentials.v5.projectId,
        token: simulator.credentials.v5.token,
      });
      const legacy = createLegacyAdapter({
        baseUrl: simulator.url,
        appId: simulator.credentials.legacy.appId,
        secret: simulator.credentials.legacy.secret,
      });
      try {
        const campaigns = demoCampaigns(simulator.fleet);
        const directory = new InMemoryDirectory(fleetDeviceRecords(simulator.fleet));
        const v5Tasks = Math.ceil(campaigns.firmwareDevices / v5.capabilities.maxTargetsPerTask);
        printError(
          context,
          [
            `Simulator ready at ${simulator.url} after ${elapsed()}.`,
            `  1. v5: firmware upgrade of every ${describeTarget(campaigns.firmware.target)} (${formatCount(campaigns.firmwareDevices)} devices):`,
            `     not selectable natively on v5, so expanded from the fleet inventory into ${v5Tasks} task(s) of at most ${formatCount(v5.capabilities.maxTargetsPerTask)} IDs`,
            `  2. legacy: command ${describeOperation(campaigns.command.operation)} to every device in ${describeTarget(campaigns.command.target)} (${formatCount(campaigns.commandDevices)} devices):`,
            '     native DeviceArea selector, one task, the platform picks the devices',
            '',
          ].join('\n'),
        );
        const view = chooseProgressView(options.progress, context.io);
        const signal = context.io.signal;
        const firmwareRun = runCampaign(campaigns.firmware, {
          adapter: v5,
          directory,
          ...(signal ? { signal } : {}),
        });
        const commandRun = runCampaign(campaigns.command, { adapter: legacy, ...(signal ? { signal } : {}) });
        view?.attach(firmwareRun, 'v5 firmware');
        view?.attach(commandRun, 'legacy command');
        let reports: [CampaignReport, CampaignReport];
        try {
          reports = await Promise.all([firmwareRun.result, commandRun.result]);
        } finally {
          view?.close();
        }
        const [firmwareReport, commandReport] = reports;
        if (options.json) {
          printLine(context, JSON.stringify({ v5: firmwareReport, legacy: commandReport }, null, 2));
        } else {
          printLine(context, formatCampaignReport(firmwareReport));
          printLine(context);
          printLine(context, formatCampaignReport(commandReport));
        }
        context.exitCode = demoExitCode(reports);
        printError(context, demoVerdict(reports, elapsed()));
      } finally {
        await Promise.all([v5.close(), legacy.close()]);
        await simulator.close();
      }
    });
}

/** 0 when both campaigns completed with every task created and finished, 3 when cancelled, else 1. */
export function demoExitCode(reports: readonly CampaignReport[]): (typeof ExitCode)[keyof typeof ExitCode] {
  if (reports.some((report) => report.status === 'cancelled')) return ExitCode.cancelled;
  const settled = (report: CampaignReport) =>
    report.status === 'completed' &&
    report.tasks.every(
      (task) => task.created === true && ['succeeded', 'partiallySucceeded'].includes(task.state),
    );
  return reports.every(settled) ? ExitCode.ok : ExitCode.failures;
}

function demoVerdict(reports: readonly CampaignReport[], elapsed: string): string {
  if (reports.some((report) => report.status === 'cancelled')) {
    return `Demo stopped after ${elapsed}. (The demo keeps no journal: its simulator lives only as long as the demo.)`;
  }
  const devices = reports.reduce((sum, report) => sum + report.totals.targeted, 0);
  return `Demo finished in ${elapsed}: ${formatCount(devices)} devices in ${reports.reduce((sum, report) => sum + report.tasks.length, 0)} tasks. Next: docs/cli.md shows how to run your own campaign.`;
}

function describeTarget(target: TargetSpec): string {
  if (target.type === 'DeviceType') return `device type ${target.deviceType}`;
  if (target.type === 'DeviceArea') return `area ${target.location}`;
  return target.type;
}

function describeOperation(operation: Operation): string {
  return operation.type === 'command' ? `${operation.serviceId}.${operation.commandName}` : operation.type;
}
