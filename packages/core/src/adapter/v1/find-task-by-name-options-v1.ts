import type { CampaignPolicy } from '../../campaign/campaign.js';
import type { Operation } from '../../campaign/operation.js';
import type { CallOptionsV1 } from './call-options-v1.js';

/** Options of {@link AdapterV1.doFindTaskByName}: the exact name, and the campaign parts that scope the search. */
export interface FindTaskByNameOptionsV1 extends CallOptionsV1 {
  name: string;
  operation: Operation;
  policy?: CampaignPolicy;
}
