import { FileCampaignStore, type StopCampaignResult, stopCampaign } from '@fleetcast/core';
import type { Command } from 'commander';
import { type CliContext, printLine } from '../cli-context.js';
import { ExitCode } from '../exit-code.js';
import {
  addOperateOptions,
  type OperateOptions,
  openJournalPlatform,
  operatedJournal,
} from '../operate-options.js';
import { formatCount } from '../progress/format-number.js';

/**
 * `fleetcast stop <campaign> [--force]`: nothing more is created (journaled, so a later resume respects
 * it); `--force` also asks the platform to stop the created tasks' unfinished devices. Exit 1 when the
 * platform refused or could not stop a task.
 */
export function registerStopCommand(program: Command, context: CliContext): void {
  const command = program
    .command('stop')
    .description(
      'stop a campaign: create nothing more (--force: also stop its unfinished devices on the platform)',
    )
    .argument('[campaign]', 'campaign ID (its journal is <journal-dir>/<id>.jsonl)')
    .option('--force', 'also stop the created tasks on the platform (needs --endpoint and credentials)');
  addOperateOptions(command).action(
    async (campaign: string | undefined, options: OperateOptions & { force?: boolean }) => {
      const journal = operatedJournal(context, campaign, options);
      const adapter = options.force
        ? await openJournalPlatform(context, journal, options, 'stop tasks on the platform (--force)')
        : undefined;
      try {
        const result = await stopCampaign(journal.campaignId, {
          store: new FileCampaignStore({ directory: journal.directory }),
          mode: options.force ? 'force' : 'soft',
          ...(adapter === undefined ? {} : { adapter }),
          ...(context.io.signal ? { signal: context.io.signal } : {}),
        });
        printLine(context, options.json ? JSON.stringify(result, null, 2) : formatStopResult(result));
        if (result.tasks.some((task) => task.outcome === 'refused' || task.outcome === 'unsupported'))
          context.exitCode = ExitCode.failures;
      } finally {
        await adapter?.close?.();
      }
    },
  );
}

/** What the stop did, task by task. */
export function formatStopResult(result: StopCampaignResult): string {
  const lines = [
    `Campaign ${result.campaignId}: ${result.mode} stop journaled; nothing more will be created${result.tasksNotCreated === undefined ? '' : ` (${formatCount(result.tasksNotCreated)} planned task(s) not created)`}.${result.stoppedRun ? ' The run in this process stopped.' : ' A run under way in another process goes on creating until it is stopped there (Ctrl-C); a later resume creates nothing.'}`,
  ];
  if (result.mode === 'soft')
    lines.push('  Created tasks go on running on the platform (use --force to stop them).');
  for (const task of result.tasks) {
    const what = {
      stopped: `stopped${
        task.refusedDevices > 0
          ? `; the platform refused ${formatCount(task.refusedDevices)} device(s), e.g. ${task.failures
              .slice(0, 3)
              .map((failure) => `${failure.deviceId} (${failure.code}: ${failure.message})`)
              .join('; ')}`
          : ''
      }`,
      refused: `NOT stopped: the platform refused (${task.error?.code}: ${task.error?.message})`,
      unsupported: `NOT stopped: ${task.error?.message}`,
      finished: 'already finished, nothing to stop',
    }[task.outcome];
    lines.push(`  #${task.index + 1} ${task.name} ${task.taskId}: ${what}`);
  }
  return lines.join('\n');
}
