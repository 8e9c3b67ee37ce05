import type { CampaignRun } from '@fleetcast/core';
import type { KnownPlan } from '../count-known-plan.js';

/** What a progress view listens to: a campaign run's typed events. */
export type CampaignEventSource = Pick<CampaignRun, 'on'>;

/** What a view knows of the campaign besides its events. */
export interface ProgressViewOptions {
  /** `policy.retryInterval` (minutes), to say until when failed devices wait for the platform's retry. */
  retryIntervalMinutes?: number;
  /** The whole plan's size, when known before the run: totals and percentages use it, not "so far". */
  knownPlan?: KnownPlan;
}

/** Shows a run's progress while it lasts; `close` leaves the terminal clean (call it before printing the report). */
export interface ProgressView {
  attach(run: CampaignEventSource, label: string, options?: ProgressViewOptions): void;
  close(): void;
}
