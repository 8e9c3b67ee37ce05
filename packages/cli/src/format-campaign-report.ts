import type { CampaignReport, TaskReport } from '@fleetcast/core';
import type { KnownPlan } from './count-known-plan.js';
import { describeWaveShare, waveShareNote } from './describe-wave-share.js';
import { formatCount, formatDuration } from './progress/format-number.js';

/** Tasks listed one per line in a readable report; the rest are summed up. */
export const reportedTasks = 20;

/** The readable report printed when a run ends. */
export function formatCampaignReport(report: CampaignReport, knownPlan?: KnownPlan): string {
  const totals = report.totals;
  const minimum =
    report.minimumDurationMs === undefined
      ? ''
      : ` (the fastest the platform's rate and task limits allow: ${formatDuration(report.minimumDurationMs)}${report.waves ? ', not counting waits at rollout gates' : ''})`;
  const calls = Object.entries(report.apiCalls)
    .filter(([kind]) => kind !== 'total')
    .map(([kind, count]) => `${formatCount(count)} ${kind}`)
    .join(', ');
  const lines = [
    `Campaign "${report.campaignName}" on ${report.adapter}: ${report.status}${report.resumed ? ' (resumed)' : ''} in ${formatDuration(report.wallTimeMs)}${minimum}`,
    ...(knownPlan && report.planComplete === false
      ? [
          `  plan:      ${formatCount(knownPlan.tasks)} tasks, ${formatCount(knownPlan.devices)} devices in all; the run planned ${formatCount(report.tasks.length)} task(s) before it stopped`,
        ]
      : report.planComplete === false
        ? ['  plan:      not read to its end before the run stopped: the figures below are so far']
        : []),
    `  devices:   ${formatCount(totals.targeted)} targeted${report.planComplete === false ? ' so far' : ''}, ${formatCount(totals.succeeded)} succeeded, ${formatCount(totals.failed)} failed, ${formatCount(totals.timedOut)} timed out, ${formatCount(totals.stopped)} stopped, ${formatCount(totals.unknown)} unknown, ${formatCount(totals.notCreated)} not created`,
    `  tasks:     ${formatCount(report.tasks.length)} (${describeStates(report.tasks)})`,
    `  API calls: ${formatCount(report.apiCalls.total)} (${calls}); ${formatCount(report.throttles)} throttled, ${formatCount(report.retries)} retried`,
  ];
  if (report.failure !== undefined) {
    lines.push(
      `  failed:    ${report.failure.code}: ${report.failure.message} (${
        report.failure.kind === 'auth'
          ? 'every further call would have been refused the same way; nothing more was sent'
          : 'the run stopped here; nothing more was sent, and tasks created before it are listed below'
      })`,
    );
  }
  if (report.unevaluable !== undefined) {
    const { devices, examples } = report.unevaluable;
    const shown = examples.map((device) => `${device.deviceId} (${device.reason})`).join('; ');
    lines.push(
      `  unevaluable: ${formatCount(devices)} device(s) the rule could not evaluate, in no task, e.g. ${shown}`,
    );
  }
  if (report.refused !== undefined) {
    const { invalid, duplicates } = report.refused;
    const parts = [
      duplicates > 0 ? `${formatCount(duplicates)} repeated ID(s) dropped (the first kept)` : '',
      invalid > 0 ? `${formatCount(invalid)} invalid ID(s) left out (--skip-invalid-devices)` : '',
    ].filter((part) => part !== '');
    lines.push(`  refused:   ${parts.join(', ')}`);
  }
  if (report.waves !== undefined) {
    lines.push(`  waves:     ${report.waves.length} (${waveShareNote})`);
    const total = report.waves.reduce((sum, wave) => sum + wave.totals.targeted, 0);
    let cumulative = 0;
    for (const wave of report.waves) {
      const devices = wave.totals;
      cumulative += devices.targeted;
      lines.push(
        `    wave ${wave.wave + 1} (${describeWaveShare(wave.percent, cumulative, total)}): ${wave.state}, ${formatCount(wave.tasks)} task(s), ${formatCount(devices.targeted)} devices: ${formatCount(devices.succeeded)} succeeded, ${formatCount(devices.failed)} failed, ${formatCount(devices.timedOut)} timed out, ${formatCount(devices.notCreated)} not created`,
      );
    }
  }
  if (report.rolloutHalt !== undefined) {
    const halt = report.rolloutHalt;
    lines.push(
      `  rollout ${halt.action === 'abort' ? 'aborted' : 'paused'} at wave ${halt.wave + 1} (${halt.reason}): ${halt.message}`,
    );
  }
  for (const task of report.tasks.slice(0, reportedTasks)) lines.push(`  ${formatTaskLine(task)}`);
  if (report.tasks.length > reportedTasks) {
    lines.push(
      `  … and ${formatCount(report.tasks.length - reportedTasks)} more tasks (--json lists them all)`,
    );
  }
  return lines.join('\n');
}

function describeStates(tasks: readonly TaskReport[]): string {
  const byState = new Map<string, number>();
  for (const task of tasks) byState.set(task.state, (byState.get(task.state) ?? 0) + 1);
  return [...byState].map(([state, count]) => `${count} ${state}`).join(', ') || 'none';
}

function formatTaskLine(task: TaskReport): string {
  const id = task.taskId === undefined ? '' : ` ${task.taskId}`;
  const counts = task.counts
    ? `: ${formatCount(task.counts.succeeded)} ok, ${formatCount(task.counts.failed)} failed, ${formatCount(task.counts.timedOut)} timed out of ${formatCount(task.counts.total)}`
    : '';
  const error = task.error ? ` (${task.error.code}: ${task.error.message})` : '';
  return `#${task.index + 1} ${task.name}${id} [${task.kind}, ${formatCount(task.targets)} targets] ${task.state}${counts}${error}`;
}

/**
 * True when every targeted device succeeded and every task was created and finished; a device the rule could
 * not evaluate counts against it (it was meant to be judged, and was not).
 */
export function campaignSucceeded(report: CampaignReport): boolean {
  const totals = report.totals;
  return (
    report.status === 'completed' &&
    totals.failed === 0 &&
    totals.timedOut === 0 &&
    totals.stopped === 0 &&
    totals.unknown === 0 &&
    totals.notCreated === 0 &&
    report.unevaluable === undefined &&
    // A task that ended partly failed counts once a retry made its failed devices succeed (totals say so).
    report.tasks.every(
      (task) => task.state === 'succeeded' || task.state === 'partiallySucceeded' || task.state === 'failed',
    )
  );
}
