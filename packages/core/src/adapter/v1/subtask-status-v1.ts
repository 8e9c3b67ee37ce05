/** One device's subtask in fleetcast's terms. */
export interface SubtaskStatusV1 {
  deviceId: string;
  state: 'pending' | 'running' | 'succeeded' | 'failed' | 'timedOut' | 'stopped';
  error?: { code: string; message: string };
  raw: unknown;
}
