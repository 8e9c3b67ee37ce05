import type { Campaign } from '../campaign/campaign.js';
import { nativeSelectorsOf, type PlanOptions } from './plan-options.js';
import { type PlanNote, planNotes } from './plan-note.js';
import { PlanSummaryBuilder, type PlanSummary } from './plan-summary.js';
import { RefusedDeviceTally, type RefusedDevices } from './device-refusal.js';
import { planStream } from './plan-stream.js';
import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';

/** Every task of a campaign and the figures that go with them. */
export interface Plan {
  tasks: TaskPlanV1[];
  /** `minimumDuration` is a non-enumerable method: the summary serialises as plain data. */
  summary: PlanSummary;
  /**
   * Decisions the campaign does not state outright, e.g. a natively selectable target expanded because of a
   * rollout (`expanded_for_rollout`) or exclusions (`expanded_for_exclusions`). `plan` always sets it (empty
   * when there is none); optional so that a plan assembled from a `planStream` still type-checks.
   */
  notes?: PlanNote[];
  /**
   * Devices the directory (or list) yielded that no task holds: repeated IDs (dropped, first kept) and, with
   * `skipInvalidDevices`, invalid IDs. `plan` always sets it; optional for plans assembled from a `planStream`.
   */
  refused?: RefusedDevices;
}

/**
 * Plans a whole campaign in memory: the collected {@link planStream}, plus its summary and notes (e.g. that a
 * native selector was expanded because of a rollout). Throws what `planStream` throws.
 *
 * @example
 * const { tasks, summary } = await plan(campaign, { adapter: { name: v5.name, capabilities: v5.capabilities } });
 * console.log(summary.tasks, summary.minimumDuration({ taskDurationMs: 30 * 60_000 }));
 */
export async function plan(campaign: Campaign, options: PlanOptions = {}): Promise<Plan> {
  const tasks: TaskPlanV1[] = [];
  const summary = new PlanSummaryBuilder();
  const refused = new RefusedDeviceTally(options.onDeviceRefused);
  for await (const task of planStream(campaign, { ...options, onDeviceRefused: refused.receive })) {
    tasks.push(task);
    summary.add(task);
  }
  return {
    tasks,
    summary: summary.build(),
    notes: planNotes(campaign, nativeSelectorsOf(options)),
    refused: refused.refused,
  };
}
