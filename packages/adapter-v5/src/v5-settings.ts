import type { DeviceDirectory, TaskNameRuleV1 } from '@fleetcast/core';
import type { TransportTlsOptions } from '@fleetcast/core/adapter-kit';
import type { V5SigningAlgorithm } from './v5-signer.js';

/** An access key pair; `securityToken` for temporary keys (sent as `X-Security-Token`). All are secrets. */
export interface V5AccessKeyCredentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
}

/**
 * Access keys, fixed or from a function: a function is asked before the first call, and again with
 * `{ expired: true }` once after a 401 that is not a clock problem (rotating temporary keys).
 */
export type V5CredentialsSource =
  | V5AccessKeyCredentials
  | ((request: { expired: boolean }) => V5AccessKeyCredentials | Promise<V5AccessKeyCredentials>);

/** Settings of {@link createV5Adapter}. */
export interface V5AdapterSettings {
  /**
   * A region endpoint `https://iotda.{region}.myhuaweicloud.com`, or a standard/enterprise instance's own
   * endpoint (`https://<id>.st1.iotda-app.{region}.myhuaweicloud.com`). `http` only for loopback.
   */
  endpoint: string;
  projectId: string;
  /**
   * Share one call budget with every other adapter object of this process for the same endpoint, project and
   * instance (`applicationKey`). Default true; `false` gives this object a budget of its own.
   */
  shareBudget?: boolean;
  /**
   * The IAM token sent as `X-Auth-Token`, or a function that supplies it. A function is asked again with
   * `{ expired: true }` once when the platform answers 401 or IOTDA.000004. Give this or `credentials`.
   */
  token?: string | ((request: { expired: boolean }) => string | Promise<string>);
  /** AK/SK: every request is signed as Huawei's SDKs sign it. Give this or `token`. */
  credentials?: V5CredentialsSource;
  /**
   * Region ID (`cn-north-4`), part of the derived signature's scope. Default: read from the endpoint's
   * host (`iotda.{region}.…` or `….iotda-app.{region}.…`); required for derived signing when it is not there.
   */
  region?: string;
  /**
   * `auto` (default) chooses as Huawei's SDKs do, by the host: plain `SDK-HMAC-SHA256` for region
   * endpoints, derived `V11-HMAC-SHA256` (service `iotdm`) for anything else, such as instance endpoints.
   */
  signingAlgorithm?: 'auto' | V5SigningAlgorithm;
  /** The clock `X-Sdk-Date` is taken from, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Sent as `Instance-Id` (mandatory for professional editions). */
  instanceId?: string;
  /** Resource space of created tasks (`app_id`), unless the campaign's `policy.appId` says otherwise. */
  appId?: string;
  /** Replaces the built-in fetch (proxies, tests). */
  fetch?: typeof globalThis.fetch;
  /** Two-way TLS material (the platform's CA, a client certificate and key). */
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
   * Rule for `task_name`. Default `v5TaskNameRule` (the Chinese docs: letters, digits, `_` and Chinese
   * characters); pass `v5AsciiTaskNameRule` for the English docs' reading (no Chinese characters).
   */
  taskNameRule?: TaskNameRuleV1;
  /** Unfinished tasks the platform accepts; the reference documents no limit. Default `unknown`. */
  maxUnfinishedTasks?: number | 'unknown';
  /** API calls per minute. Default 100. */
  rateLimitPerMinute?: number;
}
