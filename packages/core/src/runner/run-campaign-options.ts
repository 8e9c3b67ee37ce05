import type { AdapterV1 } from '../adapter/v1/adapter-v1.js';
import type { DeviceDirectory } from '../directory/device-directory.js';
import type { DeviceRefusal } from '../planner/device-refusal.js';
import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';
import type { RulesPlanOptions } from '../planner/expand-rules-target.js';
import type { Campaign, WaveApprovalInfo } from '../campaign/campaign.js';
import type { CallBudgetPort } from './call-budget-port.js';
import type { CampaignStore } from './campaign-store.js';
import type { RetryPolicy } from './retry-policy.js';
import type { RunnerClock } from './runner-clock.js';
import type { PollOptions } from './task-poller.js';

/** Where the runner gets its tasks from; default the planner's `planStream`. Must give the same tasks every time for the same inputs. */
export type PlanSource = (
  campaign: Campaign,
  options: {
    adapter: AdapterV1;
    directory?: DeviceDirectory;
    signal: AbortSignal;
    rules: RulesPlanOptions;
    skipInvalidDevices?: boolean;
    onDeviceRefused?: (refusal: DeviceRefusal) => void;
  },
) => AsyncIterable<TaskPlanV1>;

/** Options of `resumeCampaign`: everything but the campaign itself, which comes from the journal. */
export interface ResumeCampaignOptions {
  /** The platform. Its `name` must match the journal's. */
  adapter: AdapterV1;
  /** Needed when the campaign's target is expanded through a directory. */
  directory?: DeviceDirectory;
  /** The journal. Default: a new in-memory store (nothing survives the process). */
  store?: CampaignStore;
  /** Cancels the run cleanly: no new creates, in-flight creates are answered and journaled first. */
  signal?: AbortSignal;
  /** Create calls under way at once, 1–16. Default 2. */
  concurrency?: number;
  retry?: RetryPolicy;
  poll?: PollOptions;
  /** What a task that cannot be created (or is `unknown`) means for the others. Default `continue`. */
  onTaskError?: 'continue' | 'abort';
  /** Default the real clock; inject a sped-up or virtual one for tests and rehearsals. */
  clock?: RunnerClock;
  /**
   * The call budget. Default: an in-process `CallBudget`, one per adapter object, shared by every run on
   * it, sized by `capabilities.rateLimitPerMinute`. Pass a {@link CallBudgetPort} to share one between
   * adapters or processes on the same app (e.g. `@fleetcast/postgres`'s `PostgresCallBudget`).
   */
  budget?: CallBudgetPort;
  /**
   * Run-clock ms to wait after an ambiguous create (timeout, dropped answer, crash) before asking the
   * platform whether the task exists, so a create the platform commits late is found rather than
   * created twice. 0–3,600,000; default 30,000 (the transport's request timeout). Set it at least to
   * the adapter's request timeout. See docs/runner.md, "Exactly once".
   */
  ambiguousSettleMs?: number;
  /** Unfinished tasks to allow when the adapter says `unknown`, 1–1000. Default 10 (lowered on the first taskLimit answer). */
  maxUnfinishedTasks?: number;
  /** Expected task run time, for the report's `minimumDurationMs`. Default: the mean observed in this run. */
  taskDurationMs?: number;
  /**
   * Approval between rollout waves; overrides `campaign.rollout.gate.approve`. Pass it again to
   * `resumeCampaign`: a journal on disk cannot keep a function.
   */
  approve?: (info: WaveApprovalInfo) => Promise<boolean>;
  /**
   * How a Rules target is evaluated: `strict`, custom operators, dynamic facts (see docs/rules.md). Devices the
   * rule cannot evaluate are counted in the report's `unevaluable` and passed to `rules.onUnevaluable` too; they
   * never fail the run halfway. Pass the same options to `resumeCampaign` (a journal cannot keep functions): a
   * rule evaluated differently plans different tasks, which resume refuses as a mismatch.
   */
  rules?: RulesPlanOptions;
  /**
   * Leave out device IDs from the directory that break the device-ID rule instead of stopping the run with
   * `FLEETCAST_INVALID_DEVICE_RECORD` (see `PlanOptions.skipInvalidDevices`). Pass the same value to
   * `resumeCampaign`: it changes the plan.
   */
  skipInvalidDevices?: boolean;
  /** Receives every device the planner left out (invalid with `skipInvalidDevices`, or repeated). */
  onDeviceRefused?: (refusal: DeviceRefusal) => void;
  /** Custom plan source (tests, pre-computed plans). Default `planStream`. */
  plan?: PlanSource;
}

/** Options of `runCampaign`. */
export interface RunCampaignOptions extends ResumeCampaignOptions {
  /** Journal key, letters, digits, `_` and `-`. Default a random UUID. */
  campaignId?: string;
}
