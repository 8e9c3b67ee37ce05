/**
 * @fleetcast/core: campaign specs, validation, the planner, the adapter specification, the runner and
 * targeting rules. Each section below is owned by one area; add exports to your own section.
 */

// Errors
export { FleetcastError } from './errors/fleetcast-error.js';
export { CampaignValidationError, type ValidationIssue } from './errors/campaign-validation-error.js';
export { PlatformError, type PlatformErrorKind, type PlatformErrorFields } from './errors/platform-error.js';

// Specs
export * from './campaign/target-spec.js';
export * from './campaign/operation.js';
export type {
  Campaign,
  CampaignPolicy,
  RolloutSpec,
  RolloutGate,
  RolloutAbort,
  RolloutAbortCriterion,
  WaveApprovalInfo,
} from './campaign/campaign.js';

// Directory
export type { DeviceRecord } from './directory/device-record.js';
export type {
  DeviceDirectory,
  DirectoryQuery,
  DirectorySelector,
  DirectoryReadOptions,
} from './directory/device-directory.js';
export { InMemoryDirectory, defaultDirectoryBatchSize } from './directory/in-memory-directory.js';
export { recordMatchesQuery, queryPredicate } from './directory/record-matches-query.js';

// Validation
export { validateCampaign } from './validation/validate-campaign.js';
export { assertValidCampaign } from './validation/assert-valid-campaign.js';
export {
  defaultMaxTargetsPerTask,
  type ValidationLimits,
  type AdapterInfo,
} from './validation/validation-limits.js';
export {
  defaultTaskNameRule,
  describeTaskNameProblem,
} from './validation/task-name-rules.js';
export { isValidDeviceId, maxDeviceIdLength, invalidDeviceIdMessage } from './validation/device-id.js';
export { defaultMaxIssuesPerList } from './validation/issue-collector.js';
export { maxShadowBytes, maxShadowServices } from './validation/validate-operation.js';
export { maxConditionDepth } from './validation/validate-rule-conditions.js';
export { maxJsonDepth } from './validation/check-json-shape.js';
export { parseCompactUtc } from './validation/validate-policy.js';

// Planner
export type { TaskPlanV1, NativeTaskPlanV1, ExplicitTaskPlanV1 } from './adapter/v1/task-plan-v1.js';
export type { TaskNameRuleV1 } from './adapter/v1/task-name-rule-v1.js';
export { plan, type Plan } from './planner/plan.js';
export { planNotes, type PlanNote } from './planner/plan-note.js';
export { planStream } from './planner/plan-stream.js';
export type { PlanOptions } from './planner/plan-options.js';
export {
  minimumDuration,
  PlanSummaryBuilder,
  type PlanSummary,
  type PlanSummaryData,
  type MinimumDurationOptions,
} from './planner/plan-summary.js';
export { taskName, type TaskNameParts } from './planner/task-name.js';
export { expandTarget, type ExpandTargetOptions } from './planner/expand-target.js';
export { PlanningError, type PlanningErrorCode } from './errors/planning-error.js';
export {
  RefusedDeviceTally,
  refusedExamplesKept,
  type DeviceRefusal,
  type RefusedDevices,
} from './planner/device-refusal.js';

// Adapter specification
export type { AdapterV1, AdapterCapabilitiesV1, BatchActionResultV1 } from './adapter/v1/adapter-v1.js';
export type { HttpRequestSpecV1 } from './adapter/v1/http-request-spec-v1.js';
export type { CallOptionsV1 } from './adapter/v1/call-options-v1.js';
export type { DirectoryOptionsV1 } from './adapter/v1/directory-options-v1.js';
export type { SubtaskPageV1 } from './adapter/v1/subtask-page-v1.js';
export type { CallMeterV1 } from './adapter/v1/call-meter-v1.js';
export type { MeteredCallKindV1 } from './adapter/v1/metered-call-kind-v1.js';
export type { TaskStateV1 } from './adapter/v1/task-state-v1.js';
export type { TaskCountsV1 } from './adapter/v1/task-counts-v1.js';
export type { TaskStatusV1 } from './adapter/v1/task-status-v1.js';
export type { SubtaskStatusV1 } from './adapter/v1/subtask-status-v1.js';
export { AdapterArgumentError } from './errors/adapter-argument-error.js';

// The adapter kit (HTTP transport, error tables, readPlatformFailure, withCallMeter, TransportTlsOptions)
// is not re-exported here: it has its own entry, `@fleetcast/core/adapter-kit`.

// Runner
export { runCampaign } from './runner/run-campaign.js';
export { resumeCampaign } from './runner/resume-campaign.js';
export { CampaignRun } from './runner/campaign-run.js';
export type { RunCampaignOptions, ResumeCampaignOptions, PlanSource } from './runner/run-campaign-options.js';
export type * from './runner/campaign-events.js';
export type {
  CampaignReport,
  TaskReport,
  TaskReportState,
  DeviceTotals,
  WaveReport,
  WaveHalt,
  CampaignRunStatus,
  CampaignFailure,
} from './runner/campaign-report.js';
export { CallBudget, type CallBudgetOptions, type ApiCallKind } from './runner/call-budget.js';
export type { CallBudgetPort } from './runner/call-budget-port.js';
export {
  createDirectoryMeter,
  type DirectoryMeterOptions,
  type DirectoryRetry,
} from './runner/directory-meter.js';
export { countingDirectory } from './runner/counting-directory.js';
export {
  backoffDelay,
  resolveRetryPolicy,
  type RetryPolicy,
  type ResolvedRetryPolicy,
} from './runner/retry-policy.js';
export { pollInterval, type PollOptions, type ResolvedPollOptions } from './runner/task-poller.js';
export { type RunnerClock, systemClock, scaledClock } from './runner/runner-clock.js';
export { createVirtualClock, type VirtualClock } from './runner/virtual-clock.js';
export type { CampaignStore } from './runner/campaign-store.js';
export type * from './runner/journal-record.js';
export { MemoryCampaignStore } from './runner/memory-campaign-store.js';
export { FileCampaignStore, type FileCampaignStoreOptions } from './runner/file-campaign-store.js';
export { RunnerOptionError } from './errors/runner-option-error.js';
export { JournalCorruptError } from './errors/journal-corrupt-error.js';
export { JournalWriteError } from './errors/journal-write-error.js';
export { CampaignNotFoundError } from './errors/campaign-not-found-error.js';
export { ResumeMismatchError } from './errors/resume-mismatch-error.js';
// Operating a campaign (status, list, results, stop, retry)
export {
  readCampaignStatus,
  type ReadCampaignStatusOptions,
} from './runner/read-campaign-status.js';
export type {
  CampaignStatus,
  CampaignTaskStatus,
  CampaignLifecycleState,
} from './runner/campaign-status.js';
export { listCampaigns, type CampaignSummary } from './runner/list-campaigns.js';
export {
  campaignResults,
  type CampaignResultsOptions,
  type CampaignResultsProgress,
} from './operations/campaign-results.js';
export {
  stopCampaign,
  type StopCampaignOptions,
  type StopCampaignResult,
  type TaskStopOutcome,
} from './operations/stop-campaign.js';
export {
  retryCampaign,
  maxRetryBatch,
  type RetryCampaignOptions,
  type RetryCampaignResult,
} from './operations/retry-campaign.js';
export { retryTaskName } from './operations/retry-task-name.js';
export { CampaignOperationError } from './errors/campaign-operation-error.js';
export {
  deviceResultStates,
  type DeviceResult,
  type DeviceResultState,
} from './operations/device-result.js';

// Rules
export {
  compileConditions,
  type CompileConditionsOptions,
  type CompiledConditions,
  type EngineConditions,
  type RuleOutcome,
} from './rules/compile-conditions.js';
export { RuleCompileError, type RuleCompileErrorCode } from './errors/rule-compile-error.js';
export type {
  RuleExplanation,
  ConditionTrace,
  LeafTrace,
  ConstantTrace,
} from './rules/explain-conditions.js';
export type { CustomOperator, DynamicFact, DynamicFactAlmanac } from './rules/engine-conditions.js';
export { deviceFacts } from './rules/device-facts.js';
export { explainDevice, type DeviceExplanation } from './rules/explain-device.js';
export type { RulesPlanOptions } from './planner/expand-rules-target.js';
export { RulesUnevaluableError, type UnevaluableDevice } from './errors/rules-unevaluable-error.js';
// Rollout buckets and waves (owned by the rules area)
export { rolloutBucket } from './rollout/rollout-bucket.js';
export { assignWave, waveLimits, waveOfBucket, type WaveAssignment } from './rollout/assign-wave.js';
export { RolloutError } from './errors/rollout-error.js';
// Every error code, as a list and as a union type
export { fleetcastErrorCodes, type FleetcastErrorCode } from './errors/fleetcast-error-code.js';
export { platformErrorKinds } from './errors/platform-error.js';
// The rest of the adapter specification V1, one file per type
export type { AppIdRuleV1 } from './adapter/v1/app-id-rule-v1.js';
export type { CreateTaskOptionsV1 } from './adapter/v1/create-task-options-v1.js';
export type { GetTaskOptionsV1 } from './adapter/v1/get-task-options-v1.js';
export type { FindTaskByNameOptionsV1 } from './adapter/v1/find-task-by-name-options-v1.js';
export type { ListTaskDevicesOptionsV1 } from './adapter/v1/list-task-devices-options-v1.js';
export type { StopTaskOptionsV1 } from './adapter/v1/stop-task-options-v1.js';
export type { RetryTaskOptionsV1 } from './adapter/v1/retry-task-options-v1.js';
export { defaultAppIdRule } from './validation/default-app-id-rule.js';
