import type { DeviceDirectory } from '@fleetcast/core';
import type { TransportTlsOptions } from '@fleetcast/core/adapter-kit';

/** How the platform reads the create body's `timeout`: the API doc says minutes, the PHP doc and the query page say seconds. */
export type LegacyTimeoutUnit = 'minutes' | 'seconds';

/**
 * Settings of {@link createLegacyAdapter}. Give either `secret` or `accessToken`, and the URL as `endpoint`
 * (the name the v5 adapter uses too) or as its deprecated alias `baseUrl`.
 */
export type LegacyAdapterSettings = LegacySettingsWithoutEndpoint &
  (
    | {
        /** `https://host:port` of the northbound API (Huawei's demos use port 8743). `http` only for loopback. */
        endpoint: string;
        baseUrl?: undefined;
      }
    | {
        /** @deprecated The former name of `endpoint`; accepted so existing settings keep working. */
        baseUrl: string;
        endpoint?: undefined;
      }
  );

/** Every setting of {@link LegacyAdapterSettings} but the endpoint. */
export interface LegacySettingsWithoutEndpoint {
  /** The application ID; sent as the `app_key` header and to the login call. */
  appId: string;
  /**
   * The *authorised* application whose tasks this adapter creates and follows (another app that granted
   * `appId` access). Sent as `appId` in creates whose campaign has no `policy.appId`, and as the `appId`
   * query parameter of every query and task-details call, as the query documents require for an
   * authorised app's task. A task created with `policy.appId` carries that one on its calls in this
   * process; set this setting (CLI `--legacy-app-id`) to resume such a campaign in another.
   */
  authorizedAppId?: string;
  /**
   * The `select` value that asks query-one for a task's `tags`, sent for tasks created with tags. The
   * query document says `tags`, the SDK docs `tag`. Default `tags`.
   */
  tagsSelectValue?: 'tags' | 'tag';
  /**
   * Share one call budget with every other adapter object of this process for the same endpoint and app
   * (`applicationKey`). Default true; `false` gives this object a budget of its own.
   */
  shareBudget?: boolean;
  /** The application secret, exchanged for a token at `/iocm/app/sec/v1.1.0/login`. */
  secret?: string;
  /**
   * Supplies a token instead of the built-in login. Called again with `{ expired: true }` once when the
   * platform answers 401 or 1010005.
   */
  accessToken?: (request: { expired: boolean }) => string | Promise<string>;
  /** Two-way TLS material (the platform's CA, the app's client certificate and key). */
  tls?: TransportTlsOptions;
  /** Replaces the built-in fetch (proxies, tests). */
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout in milliseconds. Default 30,000. */
  requestTimeoutMs?: number;
  /**
   * Unit the platform gives the create body's `timeout`. Campaign timeouts are minutes; with `seconds`
   * they are sent ×60 and must still fit 10–2880. Default `minutes` (API, Java and Python docs).
   */
  timeoutUnit?: LegacyTimeoutUnit;
  /** Task timeout in minutes when the campaign sets none. Default 30 (fits 10–2880 in either unit). */
  defaultTimeoutMinutes?: number;
  /**
   * Unfinished tasks the platform accepts. The English docs say 1, the Chinese 10; default `unknown`
   * (the runner starts cautiously and lowers its limit on 105001 anyway).
   */
  maxUnfinishedTasks?: number | 'unknown';
  /** API calls per minute of the app. Default 100 (the documented default throttle). */
  rateLimitPerMinute?: number;
  /**
   * Your own device directory, opened by `adapter.doOpenDirectory()`: the legacy API cannot list devices, so
   * `Rules` targets and exclusions are expanded through it.
   */
  directory?: DeviceDirectory;
}
