import { EventEmitter } from 'eventemitter3';
import type { CampaignEvents } from './campaign-events.js';
import type { CampaignReport } from './campaign-report.js';

/**
 * A campaign being run: subscribe to its events with `on`, await `result` for the report.
 * Listeners added right after `runCampaign` returns see every event.
 */
export class CampaignRun extends EventEmitter<CampaignEvents> {
  readonly campaignId: string;
  /** Resolves with the report when the run ends (completed, cancelled or aborted); rejects on a planning or store failure. */
  readonly result: Promise<CampaignReport>;

  /** @internal Built by `runCampaign` and `resumeCampaign`. */
  constructor(campaignId: string, execute: (run: CampaignRun) => Promise<CampaignReport>) {
    super();
    this.campaignId = campaignId;
    // Start after the caller's synchronous code, so its listeners are in place.
    this.result = Promise.resolve().then(() => execute(this));
  }
}
