import type { CampaignRun } from '@fleetcast/core';

/** What a progress view listens to: a campaign run's typed events. */
export type CampaignEventSource = Pick<CampaignRun, 'on'>;

/** What a view knows of the campaign besides its events. */
export interface ProgressViewOptions {
  /** `policy.retryInterval` (minutes), to say until when failed devices wait for the platform's retry. */
  retryIntervalMinutes?: number;
}

/** Shows a run's progress while it lasts; `close` leaves the terminal clean (call it before printing the report). */
export interface ProgressView {
  attach(run: CampaignEventSource, label: string, options?: ProgressViewOptions): void;
  close(): void;
}
