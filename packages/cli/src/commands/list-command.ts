import { resolve } from 'node:path';
import { FileCampaignStore, listCampaigns } from '@fleetcast/core';
import { PostgresCampaignStore } from '@fleetcast/postgres';
import type { Command } from 'commander';
import { databaseUrlFrom, openDatabasePool } from '../database-options.js';
import { type CliContext, printLine } from '../cli-context.js';
import { addOperateOptions, type OperateOptions } from '../operate-options.js';
import { formatCount } from '../progress/format-number.js';

/** `fleetcast list [--journal-dir dir] [--json]`: every campaign journaled there, newest first. */
export function registerListCommand(program: Command, context: CliContext): void {
  const command = program
    .command('list')
    .description('every campaign in the journal directory (or the --database-url database), newest first');
  addOperateOptions(command, { platform: false }).action(async (options: OperateOptions) => {
    const url = databaseUrlFrom(options, context.io.env);
    const directory = resolve(context.io.cwd, options.journalDir);
    const pool = url === undefined ? undefined : openDatabasePool(url);
    let campaigns: Awaited<ReturnType<typeof listCampaigns>>;
    try {
      campaigns = await listCampaigns(
        pool === undefined ? new FileCampaignStore({ directory }) : new PostgresCampaignStore({ pool }),
      );
    } finally {
      await pool?.end();
    }
    if (options.json) {
      printLine(context, JSON.stringify(campaigns, null, 2));
      return;
    }
    if (campaigns.length === 0) {
      printLine(context, `No campaign journaled in ${url === undefined ? directory : 'the database'}.`);
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
