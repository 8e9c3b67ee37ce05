import { resolve } from 'node:path';
import { FileCampaignStore, listCampaigns } from '@fleetcast/core';
import type { Command } from 'commander';
import { type CliContext, printLine } from '../cli-context.js';
import { addOperateOptions, type OperateOptions } from '../operate-options.js';
import { formatCount } from '../progress/format-number.js';

/** `fleetcast list [--journal-dir dir] [--json]`: every campaign journaled there, newest first. */
export function registerListCommand(program: Command, context: CliContext): void {
  const command = program
    .command('list')
    .description('every campaign in the journal directory, newest first');
  addOperateOptions(command, { platform: false }).action(async (options: OperateOptions) => {
    const directory = resolve(context.io.cwd, options.journalDir);
    const campaigns = await listCampaigns(new FileCampaignStore({ directory }));
    if (options.json) {
      printLine(context, JSON.stringify(campaigns, null, 2));
      return;
    }
    if (campaigns.length === 0) {
      printLine(context, `No campaign journaled in ${directory}.`);
      return;
    }
    for (const campaign of campaigns) {
      const totals = campaign.totals;
      printLine(
        context,
        `${campaign.campaignId}  "${campaign.campaignName}" on ${campaign.adapter}: ${campaign.state}, started ${new Date(campaign.startedAt).toISOString()}${campaign.finishedAt === undefined ? '' : `, ended ${new Date(campaign.finishedAt).toISOString()}`}; ${formatCount(campaign.tasks)} task(s), ${formatCount(totals.targeted)} devices: ${formatCount(totals.succeeded)} succeeded, ${formatCount(totals.failed)} failed, ${formatCount(totals.timedOut)} timed out`,
      );
    }
  });
}
