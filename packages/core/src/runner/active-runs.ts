import type { CampaignStore } from './campaign-store.js';

/** What `stopCampaign` can do to a run under way in this process. */
export interface ActiveRunHandle {
  /** Stops creating (status `stopped`); the run journals and reports as a cancel does. */
  stop(mode: 'soft' | 'force'): void;
  /** Tells the run's listeners (`task-stopped`) what a force stop did to one of its tasks. */
  taskStopped(outcome: {
    index: number;
    name: string;
    taskId: string;
    outcome: 'stopped' | 'refused' | 'unsupported' | 'finished';
    refusedDevices: number;
    error?: { message: string };
  }): void;
}

// Keyed by store as well: the same campaign ID in two stores is two campaigns.
const runs = new WeakMap<CampaignStore, Map<string, ActiveRunHandle>>();

/** Registers a run under way; returns the function that forgets it. */
export function registerActiveRun(
  store: CampaignStore,
  campaignId: string,
  handle: ActiveRunHandle,
): () => void {
  let byId = runs.get(store);
  if (byId === undefined) {
    byId = new Map();
    runs.set(store, byId);
  }
  byId.set(campaignId, handle);
  return () => {
    if (byId.get(campaignId) === handle) byId.delete(campaignId);
  };
}

/** The run of this campaign under way in this process on this store, if any. */
export function activeRun(store: CampaignStore, campaignId: string): ActiveRunHandle | undefined {
  return runs.get(store)?.get(campaignId);
}
