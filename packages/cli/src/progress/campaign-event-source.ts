import type { CampaignRun } from '@fleetcast/core';

/** What a progress view listens to: a campaign run's typed events. */
export type CampaignEventSource = Pick<CampaignRun, 'on'>;

/** Shows a run's progress while it lasts; `close` leaves the terminal clean (call it before printing the report). */
export interface ProgressView {
  attach(run: CampaignEventSource, label: string): void;
  close(): void;
}
