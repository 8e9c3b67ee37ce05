import type { Operation } from './operation.js';
import type { TargetSpec } from './target-spec.js';

/** A campaign: which devices, what to do, and how the platform should run each task. */
export interface Campaign {
  /** Base of every task name. Must satisfy the platform's task-name rule (v5: letters, digits, `_`, Chinese). */
  name: string;
  target: TargetSpec;
  operation: Operation;
  policy?: CampaignPolicy;
  /** Staged rollout in percentage waves (see docs/rollout.md). */
  rollout?: RolloutSpec;
}

/** Per-task settings passed to the platform. Each is checked against the documented limit. */
export interface CampaignPolicy {
  /** Task timeout in minutes, 10–2880 (legacy `timeout`; the docs disagree on minutes vs seconds). */
  timeout?: number;
  /** Legacy command retransmissions, 0–3. */
  maxRetransmit?: number;
  /** v5 retries of failed subtasks, 1–5; given together with `retryInterval` or not at all. */
  retryCount?: number;
  /** v5 minutes between retries, 0–1440; given together with `retryCount` or not at all. */
  retryInterval?: number;
  /** v5 start time, `yyyyMMdd'T'HHmmss'Z'`, within 7 days from now. */
  scheduleTime?: string;
  /** Legacy URL to which command results are pushed. */
  callbackUrl?: string;
  /** Legacy group tag. */
  groupTag?: string;
  /** Legacy task tags: name 1–128 characters, value 1–1024. */
  tags?: { name: string; value: string }[];
  /** Owning application (legacy `appId`) or resource space (v5 `app_id`). */
  appId?: string;
}

/** Percentage waves; filled in by the rollout issue. */
export interface RolloutSpec {
  waves: { percent: number }[];
  salt?: string;
}
