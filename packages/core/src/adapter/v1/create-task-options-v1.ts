import type { CampaignPolicy } from '../../campaign/campaign.js';
import type { Operation } from '../../campaign/operation.js';
import type { CallOptionsV1 } from './call-options-v1.js';
import type { TaskPlanV1 } from './task-plan-v1.js';

/** Options of {@link AdapterV1.doCreateTask}: the planned task and the parts of its campaign a create needs. */
export interface CreateTaskOptionsV1 extends CallOptionsV1 {
  task: TaskPlanV1;
  operation: Operation;
  policy?: CampaignPolicy;
}
