import { submitCampaign } from '@fleetcast/postgres';
import { type Command, Option } from 'commander';
import { CliInputError } from '../cli-input-error.js';
import { type CliContext, printLine } from '../cli-context.js';
import {
  addDatabaseOption,
  type DatabaseOptions,
  databaseUrlFrom,
  openDatabasePool,
} from '../database-options.js';
import { defaultJournalLocation } from '../journal-location.js';
import { loadValidCampaign } from '../load-valid-campaign.js';
import { platformAdapterInfo } from '../platform-adapter.js';
import { addPlatformOptions, integerFrom, type PlatformOptions, tuningFrom } from '../platform-options.js';

interface SubmitOptions extends PlatformOptions, DatabaseOptions {
  campaignId?: string;
  concurrency?: number;
  onTaskError: 'continue' | 'abort';
}

/**
 * `fleetcast submit <campaign.json> --platform … --database-url …`: hands a campaign to the workers
 * (`fleetcast worker` or `createCampaignWorker` in any replica) and prints its ID.
 */
export function registerSubmitCommand(program: Command, context: CliContext): void {
  const command = program
    .command('submit')
    .description('hand a campaign to the workers through the database; prints its ID')
    .argument('<campaign>', 'campaign JSON file');
  addDatabaseOption(addPlatformOptions(command))
    .option('--campaign-id <id>', 'letters, digits, _ and - (at most 128); default <name>-<UTC time>')
    .option('--concurrency <calls>', 'create calls under way at once, 1–16 (default 2)', integerFrom(1, 16))
    .addOption(
      new Option('--on-task-error <what>', 'when a task cannot be created: go on with the others, or stop')
        .choices(['continue', 'abort'])
        .default('continue'),
    )
    .action(async (file: string, options: SubmitOptions) => {
      const url = databaseUrlFrom(options, context.io.env);
      if (url === undefined)
        throw new CliInputError('--database-url', 'is required (or FLEETCAST_DATABASE_URL)');
      const campaign = await loadValidCampaign(
        file,
        context.io.cwd,
        await platformAdapterInfo(options.platform, tuningFrom(options)),
      );
      const campaignId =
        options.campaignId ??
        defaultJournalLocation((campaign as { name?: unknown }).name, context.io.cwd).campaignId;
      const pool = openDatabasePool(url);
      try {
        const id = await submitCampaign(pool, campaign, {
          campaignId,
          adapter: options.platform,
          runOptions: {
            onTaskError: options.onTaskError,
            ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
            ...(options.maxUnfinished === undefined ? {} : { maxUnfinishedTasks: options.maxUnfinished }),
          },
        });
        printLine(context, id);
      } finally {
        await pool.end();
      }
    });
}
