import { type CampaignStatus, FileCampaignStore, readCampaignStatus } from '@fleetcast/core';
import type { Command } from 'commander';
import { type CliContext, printLine } from '../cli-context.js';
import {
  addOperateOptions,
  type OperateOptions,
  openJournalPlatform,
  operatedJournal,
} from '../operate-options.js';
import { formatCount } from '../progress/format-number.js';

/**
 * `fleetcast status <campaign | --journal file> [--refresh] [--json]`: where a campaign stands, from its
 * journal alone (no call), or with `--refresh` after one status poll per running task.
 */
export function registerStatusCommand(program: Command, context: CliContext): void {
  const command = program
    .command('status')
    .description(
      "a campaign's state, tasks and device totals from its journal (--refresh: poll running tasks once)",
    )
    .argument('[campaign]', 'campaign ID (its journal is <journal-dir>/<id>.jsonl)')
    .option('--refresh', 'poll each running task once (needs --endpoint and credentials)');
  addOperateOptions(command).action(
    async (campaign: string | undefined, options: OperateOptions & { refresh?: boolean }) => {
      const journal = operatedJournal(context, campaign, options);
      const store = new FileCampaignStore({ directory: journal.directory });
      const adapter = options.refresh
        ? await openJournalPlatform(context, journal, options, 'refresh running tasks (--refresh)')
        : undefined;
      try {
        const status = await readCampaignStatus(journal.campaignId, {
          store,
          ...(adapter === undefined ? {} : { adapter }),
          ...(context.io.signal ? { signal: context.io.signal } : {}),
        });
        printLine(context, options.json ? JSON.stringify(status, null, 2) : formatCampaignStatus(status));
      } finally {
        await adapter?.close?.();
      }
    },
  );
}

/** The readable status. */
export function formatCampaignStatus(status: CampaignStatus): string {
  const totals = status.totals;
  const lines = [
    `Campaign ${status.campaignId} "${status.campaignName}" on ${status.adapter}: ${status.state}`,
    `  started:   ${new Date(status.startedAt).toISOString()}; last journal record ${new Date(status.lastSeenAt).toISOString()}${status.refreshCalls > 0 ? `; ${status.refreshCalls} running task(s) polled just now` : ''}`,
    `  devices:   ${formatCount(totals.targeted)} targeted, ${formatCount(totals.succeeded)} succeeded, ${formatCount(totals.failed)} failed, ${formatCount(totals.timedOut)} timed out, ${formatCount(totals.stopped)} stopped, ${formatCount(totals.unknown)} unknown, ${formatCount(totals.notCreated)} not created`,
    `  tasks:     ${formatCount(status.tasks.length)}${status.planComplete ? ` (plan of ${formatCount(status.tasksPlanned)})` : ' (plan not read to its end)'}`,
  ];
  if (status.failure) lines.push(`  failed:    ${status.failure.code}: ${status.failure.message}`);
  if (status.stop)
    lines.push(`  stopped:   ${status.stop.mode} stop at ${new Date(status.stop.at).toISOString()}`);
  for (const wave of status.waves ?? []) lines.push(`  wave ${wave.wave + 1}: ${wave.state}`);
  for (const task of status.tasks.slice(0, 50)) {
    const counts = task.counts
      ? `: ${formatCount(task.counts.succeeded)} ok, ${formatCount(task.counts.failed)} failed, ${formatCount(task.counts.timedOut)} timed out, ${formatCount(task.counts.running + task.counts.pending)} unfinished of ${formatCount(task.counts.total)}`
      : '';
    const retry = task.retryOf === undefined ? '' : ` (retry of #${task.retryOf + 1})`;
    const error = task.error ? ` (${task.error.code}: ${task.error.message})` : '';
    lines.push(
      `  #${task.index + 1} ${task.name}${task.taskId ? ` ${task.taskId}` : ''}${retry} ${task.state}${counts}${error}`,
    );
  }
  if (status.tasks.length > 50)
    lines.push(`  … and ${formatCount(status.tasks.length - 50)} more tasks (--json lists them all)`);
  return lines.join('\n');
}
