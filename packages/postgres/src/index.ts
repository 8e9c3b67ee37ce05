// @fleetcast/postgres: campaigns shared by several service replicas through PostgreSQL (docs/replicas.md).
export { migrate, type MigrateResult } from './migrate.js';
export { migrations, type Migration } from './migrations.js';
export { PostgresCampaignStore, type PostgresCampaignStoreOptions } from './postgres-campaign-store.js';
export { PostgresCallBudget, type PostgresCallBudgetOptions } from './postgres-call-budget.js';
export { LeaseLostError } from './lease-lost-error.js';
export { SchemaNotMigratedError } from './schema-not-migrated-error.js';
export {
  claimCampaign,
  renewLease,
  releaseLease,
  finishLease,
  type CampaignLease,
  type ClaimedCampaign,
  type RenewResult,
} from './campaign-lease.js';
export {
  submitCampaign,
  CampaignExistsError,
  type SubmitCampaignOptions,
  type SubmittedRunOptions,
} from './submit-campaign.js';
export {
  readSharedCampaign,
  listSharedCampaigns,
  requestCampaignStop,
  type SharedCampaignState,
} from './campaign-control.js';
export { createCampaignWorker, type CampaignWorker, type CampaignWorkerOptions } from './campaign-worker.js';
