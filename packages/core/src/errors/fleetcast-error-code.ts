/**
 * Every `code` a fleetcast error (or a task error in a report) carries, grouped by the error that uses it.
 * Codes are stable across releases: match on them, not on messages. A code added anywhere in core must be
 * listed here (`fleetcast-error-code.test.ts` scans the sources and fails otherwise).
 */
export const fleetcastErrorCodes = [
  // CampaignValidationError
  'FLEETCAST_INVALID_CAMPAIGN',
  // PlatformError: `FLEETCAST_PLATFORM_` and the kind in capitals
  'FLEETCAST_PLATFORM_THROTTLED',
  'FLEETCAST_PLATFORM_TASKLIMIT',
  'FLEETCAST_PLATFORM_NAMEEXISTS',
  'FLEETCAST_PLATFORM_INVALIDINPUT',
  'FLEETCAST_PLATFORM_AUTH',
  'FLEETCAST_PLATFORM_NOTFOUND',
  'FLEETCAST_PLATFORM_SERVER',
  'FLEETCAST_PLATFORM_NETWORK',
  // PlanningError
  'FLEETCAST_EMPTY_TARGET',
  'FLEETCAST_DIRECTORY_REQUIRED',
  'FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR',
  'FLEETCAST_TASK_NAME_UNREPRESENTABLE',
  'FLEETCAST_INVALID_DEVICE_RECORD',
  // RuleCompileError
  'FLEETCAST_RULES_INVALID',
  'FLEETCAST_RULES_UNKNOWN_OPERATOR',
  'FLEETCAST_RULES_BAD_VALUE',
  'FLEETCAST_RULES_MISSING_CONDITION',
  'FLEETCAST_RULES_CONDITION_CYCLE',
  // RulesUnevaluableError
  'FLEETCAST_RULES_UNEVALUABLE',
  // RolloutError
  'FLEETCAST_INVALID_ROLLOUT',
  // AdapterArgumentError
  'FLEETCAST_INVALID_ADAPTER_ARGUMENT',
  // RunnerOptionError
  'FLEETCAST_INVALID_RUNNER_OPTION',
  // JournalCorruptError, JournalWriteError, CampaignNotFoundError, ResumeMismatchError
  'FLEETCAST_JOURNAL_CORRUPT',
  'FLEETCAST_JOURNAL_WRITE_FAILED',
  'FLEETCAST_CAMPAIGN_NOT_FOUND',
  'FLEETCAST_RESUME_MISMATCH',
  // FleetcastError itself: planner, validation or directory options out of range; a directory with one ID twice
  'FLEETCAST_INVALID_OPTIONS',
  'FLEETCAST_DUPLICATE_DEVICE',
  // Errors of the other @fleetcast packages: CliInputError (cli), V5ClockSkewError (adapter-v5),
  // LeaseLostError and SchemaNotMigratedError (postgres); CampaignExistsError (postgres submitCampaign); a
  // worker given a campaign whose adapter it does not have (postgres)
  'FLEETCAST_CLI_INPUT',
  'FLEETCAST_V5_CLOCK_SKEW',
  'FLEETCAST_LEASE_LOST',
  'FLEETCAST_SCHEMA_NOT_MIGRATED',
  'FLEETCAST_CAMPAIGN_EXISTS',
  'FLEETCAST_ADAPTER_UNKNOWN',
  // Task errors in a campaign report: the create's outcome is unknown, or it failed without a PlatformError
  'FLEETCAST_TASK_UNKNOWN',
  'FLEETCAST_CREATE_FAILED',
  // Task errors in a campaign report: a platform-wide failure stopped the campaign without a PlatformError
  'FLEETCAST_PLATFORM_FAILURE',
  // CampaignOperationError (retryCampaign); a force stop's per-task outcome where the platform has no stop call
  'FLEETCAST_CAMPAIGN_STOPPED',
  'FLEETCAST_PLAN_INCOMPLETE',
  'FLEETCAST_STOP_UNSUPPORTED',
] as const;

/** The union of every code in {@link fleetcastErrorCodes}. */
export type FleetcastErrorCode = (typeof fleetcastErrorCodes)[number];
