import { FileCampaignStore, type RetryCampaignResult, retryCampaign } from '@fleetcast/core';
import { type Command, Option } from 'commander';
import { CliInputError } from '../cli-input-error.js';
import { type CliContext, printError } from '../cli-context.js';
import { openDeviceFile } from '../device-file-directory.js';
import {
  addOperateOptions,
  type OperateOptions,
  openJournalPlatform,
  operatedJournal,
} from '../operate-options.js';
import { chooseProgressView, type ProgressMode, progressModes } from '../progress/choose-progress-view.js';
import { formatCount } from '../progress/format-number.js';
import { quoteArgument } from '../quote-argument.js';
import { exitCodeOf, watchCampaignRun } from '../watch-campaign-run.js';

/**
 * `fleetcast retry <campaign> --failed-devices | --create-failed`: retries what failed, then watches the
 * campaign to its end as `resume` does (the retry is journaled; Ctrl-C and `resume` continue it).
 */
export function registerRetryCommand(program: Command, context: CliContext): void {
  const command = program
    .command('retry')
    .description(
      'retry failed devices (--failed-devices) or refused tasks (--create-failed), then watch to the end',
    )
    .argument('[campaign]', 'campaign ID (its journal is <journal-dir>/<id>.jsonl)')
    .option('--failed-devices', 'retry the devices whose subtask failed or timed out')
    .option('--create-failed', 'create again the tasks the platform refused (after fixing the cause)')
    .option('--max-retries <n>', 'retries per device over the campaign, 0–100 (default 1)', (value) =>
      Number(value),
    )
    .option('--devices <file>', 'fleet file the campaign was run with (as for resume)')
    .addOption(
      new Option('--progress <mode>', 'bars on a terminal, plain lines otherwise (auto)')
        .choices(progressModes)
        .default('auto'),
    );
  addOperateOptions(command).action(
    async (
      campaign: string | undefined,
      options: OperateOptions & {
        failedDevices?: boolean;
        createFailed?: boolean;
        maxRetries?: number;
        devices?: string;
        progress: ProgressMode;
      },
    ) => {
      if (options.failedDevices === options.createFailed) {
        throw new CliInputError(
          '--failed-devices',
          'give exactly one of --failed-devices and --create-failed',
        );
      }
      const journal = operatedJournal(context, campaign, options);
      const adapter = await openJournalPlatform(context, journal, options, 'retry on the platform');
      try {
        const directory = options.devices ? await openDeviceFile(options.devices, context.io.cwd) : undefined;
        const retry = await retryCampaign(journal.campaignId, {
          adapter,
          store: new FileCampaignStore({ directory: journal.directory }),
          what: options.failedDevices ? 'failedDevices' : 'createFailed',
          ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
          ...(directory ? { directory } : {}),
          ...(context.io.signal ? { signal: context.io.signal } : {}),
        });
        printError(context, formatRetryResult(retry));
        const report = await watchCampaignRun(context, retry.run, {
          view: chooseProgressView(options.progress, context.io),
          label: journal.campaignId,
          json: options.json === true,
          resumeCommand: `fleetcast resume --journal ${quoteArgument(journal.path)} --endpoint ${quoteArgument(options.endpoint ?? '')}`,
        });
        context.exitCode = exitCodeOf(report);
      } finally {
        await adapter.close?.();
      }
    },
  );
}

/** What the retry decided, before the run. */
export function formatRetryResult(retry: RetryCampaignResult): string {
  const lines: string[] = [];
  if (retry.what === 'createFailed') {
    lines.push(
      retry.reopened.length === 0
        ? 'No refused task to create again.'
        : `Creating again ${formatCount(retry.reopened.length)} refused task(s): ${retry.reopened.map((task) => task.name).join(', ')}`,
    );
  } else {
    const platform = retry.platformRetried.reduce((sum, entry) => sum + entry.devices, 0);
    const inTasks = retry.retryTasks.reduce((sum, entry) => sum + entry.devices, 0);
    lines.push(
      `Retrying ${formatCount(platform + inTasks)} failed device(s): ${formatCount(platform)} by the platform's retry call, ${formatCount(inTasks)} in ${formatCount(retry.retryTasks.length)} new task(s)${retry.retryTasks.length > 0 ? ` (${retry.retryTasks.map((task) => task.name).join(', ')})` : ''}; ${formatCount(retry.exhausted)} not retried (retries used up).`,
    );
    for (const entry of retry.platformRetried) {
      if (entry.error)
        lines.push(
          `  ${entry.name}: the platform refused the retry (${entry.error.code}: ${entry.error.message})`,
        );
      else if (entry.failures.length > 0)
        lines.push(`  ${entry.name}: the platform refused ${formatCount(entry.failures.length)} device(s)`);
    }
  }
  return lines.join('\n');
}
