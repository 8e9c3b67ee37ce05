/** Normalized state of a platform task. */
export type TaskStateV1 =
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'partiallySucceeded'
  | 'failed'
  | 'stopped'
  | 'timedOut';
