import type { AdapterCapabilitiesV1, NativeTarget, Plan, PlanSummary, RefusedDevices } from '@fleetcast/core';
import { formatCount, formatDuration } from './progress/format-number.js';
import { formatWaveFigures, type WaveFigures } from './wave-tally.js';

/** Unfinished tasks assumed when the platform's limit is unknown (the legacy docs say 1 or 10). */
export const assumedMaxUnfinishedTasks = 10;

/** The minimum duration of a plan and the limits it was computed with. */
export interface PlanDurationFigures {
  minimumDurationMs: number;
  assumptions: {
    rateLimitPerMinute: number;
    maxUnfinishedTasks: number;
    maxUnfinishedTasksKnown: boolean;
    taskDurationMinutes: number;
  };
}

/** Computes the least wall time the platform's limits allow, and says which limits were used. */
export function planSummaryFigures(
  summary: PlanSummary,
  capabilities: AdapterCapabilitiesV1,
  taskDurationMinutes: number,
): PlanDurationFigures {
  const known = capabilities.maxUnfinishedTasks !== 'unknown';
  const maxUnfinishedTasks =
    capabilities.maxUnfinishedTasks === 'unknown'
      ? assumedMaxUnfinishedTasks
      : capabilities.maxUnfinishedTasks;
  const rateLimitPerMinute = capabilities.rateLimitPerMinute;
  return {
    minimumDurationMs: summary.minimumDuration({
      rateLimitPerMinute,
      maxUnfinishedTasks,
      taskDurationMs: taskDurationMinutes * 60_000,
    }),
    assumptions: {
      rateLimitPerMinute,
      maxUnfinishedTasks,
      maxUnfinishedTasksKnown: known,
      taskDurationMinutes,
    },
  };
}

/** The summary's line about devices no task holds (repeats dropped, invalid IDs skipped), if any. */
export function formatRefusedDevices(refused: RefusedDevices | undefined): string[] {
  if (refused === undefined || refused.invalid + refused.duplicates === 0) return [];
  const parts = [
    refused.duplicates > 0
      ? `${formatCount(refused.duplicates)} repeated ID(s) dropped (the first kept)`
      : '',
    refused.invalid > 0
      ? `${formatCount(refused.invalid)} invalid ID(s) left out (--skip-invalid-devices)`
      : '',
  ].filter((part) => part !== '');
  return [`  refused devices:  ${parts.join(', ')}`];
}

/** Tasks listed one per line in the readable summary; the rest are counted. */
export const listedTasks = 20;

/** The readable summary `fleetcast plan` prints; `plan.tasks` may hold only the first {@link listedTasks}. */
export function formatPlanSummary(
  campaignName: string,
  platform: string,
  plan: Plan,
  figures: PlanDurationFigures,
  waves?: readonly WaveFigures[],
): string {
  const { summary } = plan;
  const targets = summary.targetsPerTask;
  const { assumptions } = figures;
  const lines = [
    `Plan for "${campaignName}" on ${platform}`,
    `  tasks:            ${formatCount(summary.tasks)} (${formatCount(summary.explicitTasks)} explicit, ${formatCount(summary.nativeTasks)} native)`,
    `  create calls:     ${formatCount(summary.createCalls)}`,
    summary.explicitTasks > 0
      ? `  targets per task: ${formatCount(targets.min)}–${formatCount(targets.max)} (${formatCount(targets.total)} devices in explicit tasks)`
      : '  targets per task: chosen by the platform (native tasks only)',
    `  minimum duration: ${formatDuration(figures.minimumDurationMs)} at ${assumptions.rateLimitPerMinute} calls/min, ${assumptions.maxUnfinishedTasks} unfinished tasks${assumptions.maxUnfinishedTasksKnown ? '' : ' (limit unknown: assumed; set --max-unfinished)'}, ${assumptions.taskDurationMinutes} min per task (--task-minutes)${waves ? '; waits at rollout gates (finishing, soak, approval) not counted' : ''}`,
    ...(waves ? formatWaveFigures(waves) : []),
    ...formatRefusedDevices(plan.refused),
    ...(plan.notes ?? []).map((note) => `  note: ${note.message}`),
    '',
  ];
  for (const task of plan.tasks.slice(0, listedTasks)) {
    const what =
      task.kind === 'native'
        ? `native ${describeNativeTarget(task.target)}`
        : `explicit ${formatCount(task.deviceIds.length)} devices (${task.deviceIds[0]} … ${task.deviceIds[task.deviceIds.length - 1]})`;
    lines.push(`  #${task.index + 1} ${task.name}: ${what}`);
  }
  if (summary.tasks > listedTasks)
    lines.push(`  … and ${formatCount(summary.tasks - listedTasks)} more tasks (--json lists them all)`);
  return lines.join('\n');
}

function describeNativeTarget(target: NativeTarget): string {
  const { type, exclude: _exclude, ...selector } = target as NativeTarget & Record<string, unknown>;
  const parts = Object.entries(selector).map(
    ([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`,
  );
  return parts.length > 0 ? `${type} (${parts.join(', ')})` : type;
}
