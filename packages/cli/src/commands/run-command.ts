import {
  type Campaign,
  type CampaignRun,
  type DeviceDirectory,
  FileCampaignStore,
  type ResumeCampaignOptions,
  runCampaign,
} from '@fleetcast/core';
import { type Command, Option } from 'commander';
import { CliInputError } from '../cli-input-error.js';
import { countKnownPlan } from '../count-known-plan.js';
import {
  addDatabaseOption,
  databaseHasJournal,
  databaseRunParts,
  databaseUrlFrom,
  openDatabasePool,
} from '../database-options.js';
import { type CliContext, printError } from '../cli-context.js';
import { openDeviceFile } from '../device-file-directory.js';
import { warnSkippedDeviceLines } from '../warn-skipped-device-lines.js';
import {
  defaultJournalLocation,
  type JournalLocation,
  journalHasRecords,
  journalLocation,
} from '../journal-location.js';
import { loadValidCampaign } from '../load-valid-campaign.js';
import { loadCredentials } from '../load-credentials.js';
import { addTlsOptions, loadTlsOptions, type TlsFileOptions } from '../load-tls-options.js';
import { createPlatformAdapter, platformAdapterInfo } from '../platform-adapter.js';
import { addPlatformOptions, integerFrom, type PlatformOptions, tuningFrom } from '../platform-options.js';
import { chooseProgressView, type ProgressMode, progressModes } from '../progress/choose-progress-view.js';
import { quoteArgument } from '../quote-argument.js';
import { exitCodeOf, watchCampaignRun } from '../watch-campaign-run.js';

/** Options `run` and `resume` share. */
export interface RunLikeOptions extends PlatformOptions, TlsFileOptions {
  endpoint: string;
  journal?: string;
  devices?: string;
  json?: boolean;
  progress: ProgressMode;
  concurrency?: number;
  onTaskError: 'continue' | 'abort';
  skipInvalidDevices?: boolean;
  /** PostgreSQL URL: the journal and the call budget live in the database (docs/replicas.md). */
  databaseUrl?: string;
}

/** Adds the options `run` and `resume` share. */
export function addRunOptions(command: Command, { platformOptional = false } = {}): Command {
  return addTlsOptions(
    addPlatformOptions(command, { platformOptional }).requiredOption(
      '--endpoint <url>',
      'platform base URL, e.g. https://iotda.cn-north-4.myhuaweicloud.com',
    ),
  )
    .option('--devices <file>', 'fleet file (one JSON device record per line) to expand targets with')
    .option('--json', 'print the final report as JSON on stdout')
    .addOption(
      new Option('--progress <mode>', 'bars on a terminal, plain lines otherwise (auto)')
        .choices(progressModes)
        .default('auto'),
    )
    .option(
      '--skip-invalid-devices',
      'leave out devices whose ID the platforms refuse (reported), instead of stopping before any create',
    )
    .option('--concurrency <calls>', 'create calls under way at once, 1–16 (default 2)', integerFrom(1, 16))
    .addOption(
      new Option('--on-task-error <what>', 'when a task cannot be created: go on with the others, or stop')
        .choices(['continue', 'abort'])
        .default('continue'),
    );
}

/**
 * The directory to expand targets with: the fleet file if given (checked first: a bad line stops the command
 * before anything is created; lines `--skip-invalid-devices` leaves out are named on stderr), else none: the
 * runner then opens the adapter's directory itself, metered by its call budget.
 */
export async function directoryFor(
  context: CliContext,
  options: RunLikeOptions,
): Promise<DeviceDirectory | undefined> {
  if (options.devices) {
    const file = await openDeviceFile(options.devices, context.io.cwd, {
      skipInvalidDevices: options.skipInvalidDevices === true,
    });
    warnSkippedDeviceLines(context, file);
    return file;
  }
  return undefined;
}

/**
 * `fleetcast run <campaign.json> --platform … --endpoint … [--journal file] [--json]`: creates every
 * planned task once, shows progress, prints the report. Exit 0 all succeeded, 1 failures, 2 invalid
 * input, 3 cancelled (Ctrl-C; the journal lets `fleetcast resume` continue).
 */
export function registerRunCommand(program: Command, context: CliContext): void {
  const command = program
    .command('run')
    .description('run a campaign: create every planned task once, watch progress, print the report')
    .argument('<campaign>', 'campaign JSON file');
  addDatabaseOption(addRunOptions(command))
    .option(
      '--journal <file>',
      'journal file <id>.jsonl (default .fleetcast/journals/<name>-<time>.jsonl); with --database-url only its name counts: <id> is the campaign ID in the database',
    )
    .action(async (file: string, options: RunLikeOptions) => {
      // Validated before anything reads a field of it; the runner validates again, against the same limits.
      const campaign = await loadValidCampaign(
        file,
        context.io.cwd,
        await platformAdapterInfo(options.platform, tuningFrom(options)),
      );
      const journal = options.journal
        ? journalLocation(options.journal, context.io.cwd)
        : defaultJournalLocation((campaign as { name?: unknown }).name, context.io.cwd);
      const databaseUrl = databaseUrlFrom(options, context.io.env);
      const used =
        databaseUrl === undefined
          ? journalHasRecords(journal)
          : await databaseHasJournal(databaseUrl, journal.campaignId);
      if (used) {
        throw new CliInputError(
          '--journal',
          `${options.journal ?? journal.path} already holds a campaign; continue it with \`fleetcast resume --journal\` or pick a new file`,
        );
      }
      await runOnPlatform(
        context,
        options,
        journal,
        String(campaign.name),
        (common) => runCampaign(campaign, { ...common, campaignId: journal.campaignId }),
        {
          campaign,
          ...(campaign.policy?.retryInterval === undefined
            ? {}
            : { retryIntervalMinutes: campaign.policy.retryInterval }),
        },
      );
    });
}

/**
 * What `run` and `resume` do once they know the campaign's journal: load credentials and TLS files,
 * connect the adapter, open the directory, start the run (`start` gets the runner options both share),
 * show its progress and report, set the exit code, and close the adapter however it ended.
 */
export async function runOnPlatform(
  context: CliContext,
  options: RunLikeOptions,
  journal: JournalLocation,
  label: string,
  start: (common: ResumeCampaignOptions) => CampaignRun,
  extras: { retryIntervalMinutes?: number; campaign?: Campaign } = {},
): Promise<void> {
  const { retryIntervalMinutes } = extras;
  const credentials = await loadCredentials(options.platform, context.io.env, {
    cwd: context.io.cwd,
    ...(options.credentials ? { file: options.credentials } : {}),
  });
  const tls = await loadTlsOptions(options, context.io.env, context.io.cwd);
  const databaseUrl = databaseUrlFrom(options, context.io.env);
  const adapter = createPlatformAdapter(
    options.platform,
    options.endpoint,
    credentials,
    tuningFrom(options),
    tls,
  );
  const pool = databaseUrl === undefined ? undefined : openDatabasePool(databaseUrl);
  try {
    // Only the caller's own directory (a device file); without one the runner opens the adapter's, metered.
    const directory = await directoryFor(context, options);
    // The whole plan's size when it is known up front, so that a Ctrl-C while planning reports it.
    const knownPlan =
      extras.campaign &&
      (await countKnownPlan(
        extras.campaign,
        { name: adapter.name, capabilities: adapter.capabilities },
        options.devices ? directory : undefined,
        {
          fromFile: options.devices !== undefined,
          ...(options.skipInvalidDevices ? { skipInvalidDevices: true } : {}),
          ...(context.io.signal ? { signal: context.io.signal } : {}),
        },
      ));
    const shared = pool && databaseRunParts(pool, adapter, options.platform, options.endpoint);
    const run = start({
      adapter,
      store: shared?.store ?? new FileCampaignStore({ directory: journal.directory }),
      ...(shared ? { budget: shared.budget } : {}),
      onTaskError: options.onTaskError,
      ...(options.skipInvalidDevices ? { skipInvalidDevices: true } : {}),
      ...(directory ? { directory } : {}),
      ...(context.io.signal ? { signal: context.io.signal } : {}),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.maxUnfinished === undefined ? {} : { maxUnfinishedTasks: options.maxUnfinished }),
    });
    printError(
      context,
      shared
        ? `Journal: the database (campaign ${journal.campaignId})`
        : `Journal: ${journal.path} (campaign ${journal.campaignId})`,
    );
    const report = await watchCampaignRun(context, run, {
      view: chooseProgressView(options.progress, context.io),
      label,
      json: options.json === true,
      resumeCommand: resumeCommandFor(journal.path, options),
      ...(retryIntervalMinutes === undefined ? {} : { retryIntervalMinutes }),
      ...(knownPlan ? { knownPlan } : {}),
      // The operating commands read file journals; a database journal has none to paste yet.
      ...(shared
        ? {}
        : {
            operateCommand: (name: 'results' | 'retry', extra: string) =>
              operateCommandFor(name, journal.path, options, extra),
          }),
    });
    context.exitCode = exitCodeOf(report);
  } finally {
    await adapter.close?.();
    await pool?.end();
  }
}

/** The `fleetcast resume …` line that continues this run. */
export function resumeCommandFor(journalPath: string, options: RunLikeOptions): string {
  return [
    'fleetcast resume',
    `--journal ${quoteArgument(journalPath)}`,
    `--platform ${options.platform}`,
    `--endpoint ${quoteArgument(options.endpoint)}`,
    options.devices ? `--devices ${quoteArgument(options.devices)}` : '',
    options.skipInvalidDevices ? '--skip-invalid-devices' : '',
    options.credentials ? `--credentials ${quoteArgument(options.credentials)}` : '',
    options.tlsCa ? `--tls-ca ${quoteArgument(options.tlsCa)}` : '',
    options.tlsCert ? `--tls-cert ${quoteArgument(options.tlsCert)}` : '',
    options.tlsKey ? `--tls-key ${quoteArgument(options.tlsKey)}` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/** A `fleetcast results|retry --journal … --endpoint …` line for this campaign, with `extra` arguments. */
export function operateCommandFor(
  name: 'results' | 'retry',
  journalPath: string,
  options: RunLikeOptions,
  extra: string,
): string {
  return [
    `fleetcast ${name}`,
    `--journal ${quoteArgument(journalPath)}`,
    `--endpoint ${quoteArgument(options.endpoint)}`,
    options.credentials ? `--credentials ${quoteArgument(options.credentials)}` : '',
    options.tlsCa ? `--tls-ca ${quoteArgument(options.tlsCa)}` : '',
    options.tlsCert ? `--tls-cert ${quoteArgument(options.tlsCert)}` : '',
    options.tlsKey ? `--tls-key ${quoteArgument(options.tlsKey)}` : '',
    extra,
  ]
    .filter((part) => part !== '')
    .join(' ');
}
