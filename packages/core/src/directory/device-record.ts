/**
 * One device as a directory knows it. Every field but `id` is optional: fleets are heterogeneous.
 * Targeting rules see these fields and the entries of `facts` as json-rules-engine facts.
 */
export interface DeviceRecord {
  id: string;
  deviceType?: string;
  manufacturerId?: string;
  model?: string;
  location?: string;
  groupIds?: string[];
  groupNames?: string[];
  /** Free facts for targeting rules, e.g. `firmwareVersion`, `lastSeen`. */
  facts?: Record<string, unknown>;
}
