import type { CampaignReport, CampaignRun } from '@fleetcast/core';
import { type CliContext, printError, printLine } from './cli-context.js';
import { ExitCode, type ExitCodeValue } from './exit-code.js';
import { campaignSucceeded, formatCampaignReport } from './format-campaign-report.js';
import type { KnownPlan } from './count-known-plan.js';
import type { ProgressView } from './progress/campaign-event-source.js';

/** How a watched run is shown and what to tell the user if it is stopped. */
export interface WatchOptions {
  view: ProgressView | undefined;
  /** Label of the progress lines and bars (the campaign name). */
  label: string;
  json: boolean;
  /** The command that continues the run, printed when it is cancelled. */
  resumeCommand: string;
  /** The campaign's `policy.retryInterval`, minutes, when it has one. */
  retryIntervalMinutes?: number;
  /** The whole plan's size, when it was counted before the run (a list, a fleet file). */
  knownPlan?: KnownPlan;
  /**
   * The operating commands for this campaign, printed after a report with failures: `results` and
   * `retry` lines that can be pasted as they are (`{what}` is replaced by the retry's flag).
   */
  operateCommand?: (command: 'results' | 'retry', extra: string) => string;
}

/** The exit code a finished run deserves: 0 all succeeded, 1 failures, 3 cancelled. */
export function exitCodeOf(report: CampaignReport): ExitCodeValue {
  if (report.status === 'cancelled') return ExitCode.cancelled;
  return campaignSucceeded(report) ? ExitCode.ok : ExitCode.failures;
}

/**
 * Shows a run's progress until it ends, then prints its report (readable, or JSON for `--json`) on
 * stdout and, when it was cancelled, how to resume it on stderr. Returns the report.
 */
export async function watchCampaignRun(
  context: CliContext,
  run: CampaignRun,
  options: WatchOptions,
): Promise<CampaignReport> {
  options.view?.attach(run, options.label, {
    ...(options.retryIntervalMinutes === undefined
      ? {}
      : { retryIntervalMinutes: options.retryIntervalMinutes }),
    ...(options.knownPlan ? { knownPlan: options.knownPlan } : {}),
  });
  let report: CampaignReport;
  try {
    report = await run.result;
  } finally {
    options.view?.close();
  }
  if (options.json) printLine(context, JSON.stringify(report, null, 2));
  else printLine(context, formatCampaignReport(report, options.knownPlan));
  const command = options.operateCommand;
  const devicesFailed = report.totals.failed + report.totals.timedOut;
  const refused = report.tasks.filter((task) => task.state === 'createFailed').length;
  if (command !== undefined && (devicesFailed > 0 || refused > 0)) {
    const lines = [];
    if (devicesFailed > 0) {
      lines.push(
        'List the failed devices:',
        `  ${command('results', '--state failed,timedOut --format csv --out failed-devices.csv')}`,
        'Retry them:',
        `  ${command('retry', '--failed-devices')}`,
      );
    }
    if (refused > 0)
      lines.push(
        `Create the ${refused} refused task(s) again once the cause is fixed:`,
        `  ${command('retry', '--create-failed')}`,
      );
    printError(context, lines.join('\n'));
  }
  if (report.status === 'cancelled') {
    const created = report.tasks.filter((task) => task.created === true).length;
    // The whole plan when it is known; otherwise what was planned before the stop, said to be so.
    const planned = options.knownPlan
      ? `${options.knownPlan.tasks} planned task(s)`
      : report.planComplete === false
        ? `${report.tasks.length} task(s) planned so far`
        : `${report.tasks.length} planned task(s)`;
    printError(
      context,
      `Stopped cleanly: ${created} of ${planned} created and journaled; created tasks go on running on the platform. To create the rest and watch them all to the end, resume with:\n  ${options.resumeCommand}`,
    );
  }
  if (report.status === 'failed') {
    printError(
      context,
      `The run ended at once: ${report.failure?.message ?? 'a platform-wide failure'}. Tasks not sent are not created and nothing was recorded against them; fix the cause (credentials, a platform that keeps failing) and resume with:\n  ${options.resumeCommand}`,
    );
  }
  if (report.status === 'paused') {
    printError(
      context,
      `Rollout paused at wave ${(report.rolloutHalt?.wave ?? 0) + 1}: nothing more is created until you decide. Resuming releases that wave and goes on with the next:\n  ${options.resumeCommand}`,
    );
  }
  return report;
}
