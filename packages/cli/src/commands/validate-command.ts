import type { Command } from 'commander';
import { type CliContext, printLine } from '../cli-context.js';
import { ExitCode } from '../exit-code.js';
import { formatValidationIssue } from '../format-validation-issue.js';
import { loadCampaign } from '../load-campaign.js';
import { checkCampaignDocument } from '../load-valid-campaign.js';
import { platformAdapterInfo } from '../platform-adapter.js';
import {
  addPlatformOptions,
  nonNegativeInteger,
  type PlatformOptions,
  tuningFrom,
} from '../platform-options.js';

interface ValidateOptions extends PlatformOptions {
  json?: boolean;
  all?: boolean;
  maxIssuesPerList?: number;
}

/**
 * Problems the readable output lists per list field (bad device IDs, exclusions, …) before one line with
 * the count of the rest: 5,000 bad IDs are a summary, not a screenful. `--all` lists every one; `--json`
 * lists every one unless `--max-issues-per-list` is given (scripts want them all).
 */
export const defaultIssuesShownPerList = 5;

/**
 * `fleetcast validate <campaign.json> --platform v5|legacy`: every problem, one per line, on stdout;
 * exit 2 when there is any. Nothing is sent anywhere.
 */
export function registerValidateCommand(program: Command, context: CliContext): void {
  const command = program
    .command('validate')
    .description(
      "check a campaign file against every documented limit of the platform; exit 2 when it's invalid",
    )
    .argument('<campaign>', 'campaign JSON file');
  addPlatformOptions(command)
    .option('--json', 'print the problems as a JSON array of {path, code, message}')
    .option(
      '--max-issues-per-list <count>',
      `problems listed per list field (e.g. bad device IDs) before one line counting the rest (default ${defaultIssuesShownPerList}; with --json all)`,
      nonNegativeInteger,
    )
    .option('--all', 'list every problem of every list field (no summary line)')
    .action(async (file: string, options: ValidateOptions) => {
      const campaign = await loadCampaign(file, context.io.cwd);
      const adapter = await platformAdapterInfo(options.platform, tuningFrom(options));
      const everything =
        options.all === true || (options.json === true && options.maxIssuesPerList === undefined);
      const issues = checkCampaignDocument(file, campaign, {
        adapter,
        maxIssuesPerList: everything
          ? Number.MAX_SAFE_INTEGER
          : (options.maxIssuesPerList ?? defaultIssuesShownPerList),
      });
      if (options.json) {
        printLine(context, JSON.stringify(issues, null, 2));
      } else if (issues.length === 0) {
        printLine(context, `${file}: valid for ${options.platform}`);
      } else {
        for (const issue of issues) {
          const line = formatValidationIssue(issue);
          printLine(context, issue.code === 'too_many_issues' ? `${line} (--all lists every one)` : line);
        }
      }
      context.exitCode = issues.length === 0 ? ExitCode.ok : ExitCode.invalidInput;
    });
}
