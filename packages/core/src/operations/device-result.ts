import type { SubtaskStatusV1 } from '../adapter/v1/subtask-status-v1.js';

/**
 * A device's state in `campaignResults`: the platform's subtask state normalised (`succeeded`, `failed`,
 * `timedOut`, `stopped`, `running`, `pending`), or what fleetcast knows without one: `createFailed` (its
 * task was refused), `notCreated` (its task was never sent), `unknown` (its task may exist but cannot be read).
 */
export type DeviceResultState = SubtaskStatusV1['state'] | 'createFailed' | 'notCreated' | 'unknown';

/** Every {@link DeviceResultState}, for parsing and validation. */
export const deviceResultStates: readonly DeviceResultState[] = [
  'succeeded',
  'failed',
  'timedOut',
  'stopped',
  'running',
  'pending',
  'createFailed',
  'notCreated',
  'unknown',
];

/** One targeted device in `campaignResults`: its latest outcome over every task and retry of the campaign. */
export interface DeviceResult {
  deviceId: string;
  /** The task that holds the device's latest attempt (a retry task `<task>_r1` after a retry by new task). */
  index: number;
  name: string;
  taskId?: string;
  wave?: number;
  state: DeviceResultState;
  /** The platform's error code and message for a failed or timed-out subtask, or why the task was refused. */
  error?: { code: string; message: string };
  /** Wall-clock ms when this state was read (the page's answer; the journal's time for tasks not on the platform). */
  lastSeenAt: number;
  /** Runs the device was given: 1, plus every retry asked for (platform retry or retry task). */
  attempts: number;
}
