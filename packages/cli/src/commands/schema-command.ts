import type { Command } from 'commander';
import { campaignSchema } from '../campaign-schema.js';
import { type CliContext, printLine } from '../cli-context.js';

/** `fleetcast schema`: prints the campaign files' JSON Schema, for editors and CI checks. */
export function registerSchemaCommand(program: Command, context: CliContext): void {
  program
    .command('schema')
    .description(
      'print the JSON Schema of campaign files (also shipped as @fleetcast/cli/campaign.schema.json)',
    )
    .action(() => {
      printLine(context, JSON.stringify(campaignSchema, null, 2));
    });
}
