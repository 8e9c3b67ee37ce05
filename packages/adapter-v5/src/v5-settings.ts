import type { DeviceDirectory, TaskNameRule, TransportTlsOptions } from '@fleetcast/core';

/** Settings of {@link createV5Adapter}. */
export interface V5AdapterSettings {
  /** `https://iotda.{region}.myhuaweicloud.com` or an instance's own host. `http` only for loopback. */
  endpoint: string;
  projectId: string;
  /**
   * The IAM token sent as `X-Auth-Token`, or a function that supplies it. A function is asked again with
   * `{ expired: true }` once when the platform answers 401 or IOTDA.000004.
   */
  token: string | ((request: { expired: boolean }) => string | Promise<string>);
  /** Sent as `Instance-Id` (mandatory for professional editions). */
  instanceId?: string;
  /** Resource space of created tasks (`app_id`), unless the campaign's `policy.appId` says otherwise. */
  appId?: string;
  fetch?: typeof globalThis.fetch;
  tls?: TransportTlsOptions;
  /** Per-request timeout in milliseconds. Default 30,000. */
  requestTimeoutMs?: number;
  /** Known group IDs by name, consulted before the group API when a target names groups. */
  groupIds?: Record<string, string>;
  /** Replaces the built-in directory (device list API) for expanded selectors. */
  directory?: DeviceDirectory;
  /**
   * Key of the upgrade document: `package_ids` (an array, SDK ≥ 3.1.171, the default) or the older
   * `package_id` (a single ID) that older platform releases document.
   */
  upgradePackageKey?: 'package_ids' | 'package_id';
  /**
   * Rule for `task_name`. Default core's `v5TaskNameRule` (the Chinese docs: letters, digits, `_` and Chinese
   * characters); pass `v5AsciiTaskNameRule` for the English docs' reading (no Chinese characters).
   */
  taskNameRule?: TaskNameRule;
  /** Unfinished tasks the platform accepts; the reference documents no limit. Default `unknown`. */
  maxUnfinishedTasks?: number | 'unknown';
  /** API calls per minute. Default 100. */
  rateLimitPerMinute?: number;
}
