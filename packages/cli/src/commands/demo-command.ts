import { createLegacyAdapter } from '@fleetcast/adapter-legacy';
import { createV5Adapter } from '@fleetcast/adapter-v5';
import {
  type CampaignReport,
  InMemoryDirectory,
  type Operation,
  runCampaign,
  type TargetSpec,
} from '@fleetcast/core';
import { type Command, Option } from 'commander';
import { type CliContext, printError, printLine } from '../cli-context.js';
import { demoAbortThresholdPercent, demoCampaigns, demoProductWeights } from '../demo/demo-campaigns.js';
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
/** Failure rate the simulator switches to once the rollout's first wave passed: the second wave must abort. */
export const demoRaisedFailureProbability = 0.3;

/**
 * `fleetcast demo`: starts the simulator with about 250,000 devices (mostly water meters) and runs two
 * campaigns side by side with live progress: a v5 firmware upgrade of one device type (expanded into
 * several 30,000-ID tasks) and a legacy command to one area (selected natively). Then a rules-targeted
 * v5 rollout in three waves: the first passes its gate, the simulator's failure rate is raised, and the
 * second wave's abort criterion stops the rollout before the third wave exists. Prints the three reports.
 * Exit 0 when the first two complete with every task created and finished and the rollout aborted in its
 * second wave (simulated device failures are part of the show), 1 otherwise, 3 on Ctrl-C.
 */
export function registerDemoCommand(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description(
      'run three campaigns against the built-in simulator (250,000 devices): two side by side, then a staged rollout that aborts',
    )
    .option('--devices <count>', 'fleet size', positiveInteger, 250_000)
    .option('--seed <seed>', 'seed of the fleet and of subtask outcomes', nonNegativeInteger, 2026)
    .option(
      '--device-rate <devices>',
      'subtasks each running task completes per second',
      positiveInteger,
      2500,
    )
    .option('--json', 'print the reports as one JSON object {v5, legacy, rollout}')
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
      // Loaded here: every other command starts without the simulator's code (about 8 MiB of RSS).
      const { generateFleet, startSimulator } = await import('@fleetcast/simulator');
      const simulator = await startSimulator({
        devices: generateFleet({
          count: options.devices,
          seed: options.seed,
          referenceTime: Date.now(),
          productWeights: demoProductWeights,
        }),
        seed: options.seed,
        deviceRatePerSecond: options.deviceRate,
        failureProbability: demoFailureProbability,
        timeoutProbability: demoTimeoutProbability,
      });
      const v5 = createV5Adapter({
        endpoint: simulator.url,
        projectId: simulator.credentials.v5.projectId,
        // AK/SK, as Huawei's SDKs call IoTDA; a loopback host signs derived, so the region is given.
        credentials: {
          accessKey: simulator.credentials.v5.accessKey,
          secretKey: simulator.credentials.v5.secretKey,
        },
        region: simulator.configure({}).v5Region,
      });
      const legacy = createLegacyAdapter({
        endpoint: simulator.url,
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
            `  3. then v5: rules-targeted firmware rollout "${campaigns.rollout.name}" in waves of 1 %, 10 %, 100 %:`,
            `     gate: the whole wave finished with ≥ 90 % success; abort when ≥ ${demoAbortThresholdPercent} % of a wave's finished devices fail;`,
            `     after wave 1 passes, the simulator's failure rate goes up to ${demoRaisedFailureProbability * 100} %, so wave 2 aborts`,
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
        let rolloutReport: CampaignReport | undefined;
        if (!signal?.aborted) {
          const rolloutRun = runCampaign(campaigns.rollout, {
            adapter: v5,
            directory,
            ...(signal ? { signal } : {}),
          });
          rolloutRun.on('wave-passed', (event) => {
            if (event.wave === 0) simulator.configure({ failureProbability: demoRaisedFailureProbability });
          });
          const rolloutView = chooseProgressView(options.progress, context.io);
          rolloutView?.attach(rolloutRun, 'v5 rollout');
          try {
            rolloutReport = await rolloutRun.result;
          } finally {
            rolloutView?.close();
          }
        }
        if (options.json) {
          printLine(
            context,
            JSON.stringify({ v5: firmwareReport, legacy: commandReport, rollout: rolloutReport }, null, 2),
          );
        } else {
          printLine(context, formatCampaignReport(firmwareReport));
          printLine(context);
          printLine(context, formatCampaignReport(commandReport));
          if (rolloutReport) {
            printLine(context);
            printLine(context, formatCampaignReport(rolloutReport));
          }
        }
        context.exitCode = demoExitCode(reports, rolloutReport);
        printError(context, demoVerdict(rolloutReport ? [...reports, rolloutReport] : reports, elapsed()));
      } finally {
        await Promise.all([v5.close(), legacy.close()]);
        await simulator.close();
      }
    });
}

/**
 * 0 when the side-by-side campaigns completed with every task created and finished and the rollout (when
 * given) aborted in its second wave with every created task finished; 3 when cancelled, else 1.
 */
export function demoExitCode(
  reports: readonly CampaignReport[],
  rollout?: CampaignReport,
): (typeof ExitCode)[keyof typeof ExitCode] {
  if ([...reports, ...(rollout ? [rollout] : [])].some((report) => report.status === 'cancelled'))
    return ExitCode.cancelled;
  if (rollout && !rolloutAbortedAsScripted(rollout)) return ExitCode.failures;
  const settled = (report: CampaignReport) =>
    report.status === 'completed' &&
    report.tasks.every(
      (task) => task.created === true && ['succeeded', 'partiallySucceeded'].includes(task.state),
    );
  return reports.every(settled) ? ExitCode.ok : ExitCode.failures;
}

/** The rollout's scripted outcome: aborted in wave 2, no task of wave 3, every created task finished. */
export function rolloutAbortedAsScripted(report: CampaignReport): boolean {
  return (
    report.status === 'aborted' &&
    report.rolloutHalt?.wave === 1 &&
    report.rolloutHalt.reason === 'abortCriteria' &&
    report.waves?.[2]?.state === 'notStarted' &&
    report.tasks.every((task) => task.created !== true || !['pending', 'running'].includes(task.state))
  );
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
