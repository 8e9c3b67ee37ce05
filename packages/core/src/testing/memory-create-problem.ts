import type { AdapterCapabilitiesV1 } from '../adapter/v1/adapter-v1.js';
import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';
import type { Campaign } from '../campaign/campaign.js';
import { describeTaskNameProblem, describeTaskNameRule } from '../validation/task-name-rules.js';

/** Why the memory platform refuses a create: the field at fault and a message naming it and the limit. */
export interface MemoryCreateProblem {
  /** Dotted path of the field, e.g. `task.name` or `operation.type`. */
  field: string;
  message: string;
}

/**
 * What the memory platform refuses before it creates anything: exactly what `capabilities` declare it
 * cannot take (an undeclared operation or native selector, a name outside the rule, a device list
 * outside 1..maxTargetsPerTask). A double laxer than its own capabilities would let a user's tests pass
 * where a real platform refuses.
 */
export function memoryCreateProblem(
  task: TaskPlanV1,
  campaign: Pick<Campaign, 'operation' | 'policy'>,
  capabilities: AdapterCapabilitiesV1,
): MemoryCreateProblem | undefined {
  const operation = campaign.operation.type;
  if (!capabilities.supportedOperations.includes(operation)) {
    return {
      field: 'operation.type',
      message: `operation.type "${operation}" is not supported by adapter "memory" (supportedOperations: ${capabilities.supportedOperations.join(', ') || 'none'})`,
    };
  }
  const nameProblem = describeTaskNameProblem(task.name, capabilities.taskNameRule);
  if (nameProblem !== undefined) {
    return {
      field: 'task.name',
      message: `task.name ${nameProblem}; adapter "memory" allows ${describeTaskNameRule(capabilities.taskNameRule)}`,
    };
  }
  if (task.kind === 'explicit') {
    const count = task.deviceIds.length;
    if (count === 0 || count > capabilities.maxTargetsPerTask) {
      return {
        field: 'task.deviceIds',
        message: `task.deviceIds must hold 1–${capabilities.maxTargetsPerTask} device IDs (maxTargetsPerTask) on adapter "memory", got ${count}`,
      };
    }
  } else if (!capabilities.nativeSelectors.includes(task.target.type)) {
    return {
      field: 'target.type',
      message: `target.type "${task.target.type}" is not native on adapter "memory" (nativeSelectors: ${capabilities.nativeSelectors.join(', ') || 'none'}): the planner must expand it to device IDs`,
    };
  }
  return undefined;
}
