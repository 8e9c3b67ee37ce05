import { FileCampaignStore, resumeCampaign } from '@fleetcast/core';
import type { Command } from 'commander';
import { CliInputError } from '../cli-input-error.js';
import type { CliContext } from '../cli-context.js';
import { journalLocation } from '../journal-location.js';
import { loadCredentials } from '../load-credentials.js';
import { loadTlsOptions } from '../load-tls-options.js';
import { createPlatformAdapter } from '../platform-adapter.js';
import { parsePlatformName } from '../platform-name.js';
import { tuningFrom } from '../platform-options.js';
import { chooseProgressView } from '../progress/choose-progress-view.js';
import { readJournalHeader } from '../read-journal-header.js';
import { exitCodeOf, watchCampaignRun } from '../watch-campaign-run.js';
import { addRunOptions, directoryFor, type RunLikeOptions, resumeCommandFor } from './run-command.js';

/**
 * `fleetcast resume --journal file --endpoint …`: continues a stopped run from its journal without
 * creating any task twice. The platform defaults to the one the journal records.
 */
export function registerResumeCommand(program: Command, context: CliContext): void {
  const command = program
    .command('resume')
    .description('continue a stopped run from its journal (no task is created twice)')
    .requiredOption('--journal <file>', 'the journal the run wrote (<id>.jsonl)');
  addRunOptions(command, { platformOptional: true }).action(
    async (options: Omit<RunLikeOptions, 'platform'> & { platform?: string; journal: string }) => {
      const journal = journalLocation(options.journal, context.io.cwd);
      const header = await readJournalHeader(journal, options.journal);
      const platform = parsePlatformName(options.platform ?? header.adapter);
      if (options.platform && options.platform !== header.adapter) {
        throw new CliInputError(
          '--platform',
          `the journal was written by the ${header.adapter} adapter, not ${options.platform}`,
        );
      }
      const runOptions: RunLikeOptions = { ...options, platform };
      const credentials = await loadCredentials(platform, context.io.env, {
        cwd: context.io.cwd,
        ...(options.credentials ? { file: options.credentials } : {}),
      });
      const tls = await loadTlsOptions(options, context.io.env, context.io.cwd);
      const adapter = createPlatformAdapter(
        platform,
        options.endpoint,
        credentials,
        tuningFrom(options),
        tls,
      );
      try {
        const directory = await directoryFor(runOptions, context.io.cwd, adapter.directory?.bind(adapter));
        const run = resumeCampaign(journal.campaignId, {
          adapter,
          store: new FileCampaignStore({ directory: journal.directory }),
          onTaskError: options.onTaskError,
          ...(directory ? { directory } : {}),
          ...(context.io.signal ? { signal: context.io.signal } : {}),
          ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
          ...(options.maxUnfinished === undefined ? {} : { maxUnfinishedTasks: options.maxUnfinished }),
        });
        const report = await watchCampaignRun(context, run, {
          view: chooseProgressView(options.progress, context.io),
          label: header.campaignName,
          json: options.json === true,
          resumeCommand: resumeCommandFor(journal.path, runOptions),
        });
        context.exitCode = exitCodeOf(report);
      } finally {
        await adapter.close?.();
      }
    },
  );
}
