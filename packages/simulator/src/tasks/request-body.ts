import type { Fleet } from '../fleet/fleet.js';
import { targetIdAt } from './resolve-targets.js';
import type { SimTask } from './sim-task.js';

/** The create body of a task with its explicit device list put back (deduplicated, in the client's order). */
export function requestBody(fleet: Fleet, task: SimTask): Record<string, unknown> {
  if (task.explicitList === undefined) return { ...task.request };
  const list = Array.from(task.targets, (_, position) => targetIdAt(fleet, task, position));
  if (task.explicitList === 'targets') return { ...task.request, targets: list };
  return { ...task.request, param: { ...(task.request.param as Record<string, unknown>), deviceList: list } };
}
