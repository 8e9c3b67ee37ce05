import { resumeCampaign } from '@fleetcast/core';
import type { Command } from 'commander';
import { CliInputError } from '../cli-input-error.js';
import type { CliContext } from '../cli-context.js';
import { journalLocation } from '../journal-location.js';
import { parsePlatformName } from '../platform-name.js';
import { readJournalHeader } from '../read-journal-header.js';
import { addRunOptions, type RunLikeOptions, runOnPlatform } from './run-command.js';

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
      await runOnPlatform(
        context,
        runOptions,
        journal,
        header.campaignName,
        (common) => resumeCampaign(journal.campaignId, common),
        header.retryIntervalMinutes === undefined
          ? {}
          : { retryIntervalMinutes: header.retryIntervalMinutes },
      );
    },
  );
}
