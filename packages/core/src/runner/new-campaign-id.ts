import { randomUUID } from 'node:crypto';

/** A new campaign ID (journal key). */
export function newCampaignId(): string {
  return randomUUID();
}
