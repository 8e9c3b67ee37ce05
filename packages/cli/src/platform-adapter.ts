import { createLegacyAdapter, type LegacyTimeoutUnit } from '@fleetcast/adapter-legacy';
import { createV5Adapter, type V5AdapterSettings } from '@fleetcast/adapter-v5';
import { AdapterArgumentError, type AdapterCapabilitiesV1, type AdapterV1 } from '@fleetcast/core';
import type { TransportTlsOptions } from '@fleetcast/core/adapter-kit';
import { CliInputError } from './cli-input-error.js';
import { credentialVariables, type PlatformCredentials, type V5Credentials } from './load-credentials.js';
import type { PlatformName } from './platform-name.js';

/** An adapter the CLI made, with a way to release its connections. */
export interface ClosableAdapter extends AdapterV1 {
  close?(): Promise<void>;
}

/** Platform settings a user may tune from the command line. */
export interface PlatformTuning {
  /** The app's API calls per minute (both platforms default to 100). */
  rateLimitPerMinute?: number;
  /** Unfinished tasks the platform accepts (legacy docs: 1 in English, 10 in Chinese). */
  maxUnfinishedTasks?: number;
  /** How the legacy platform reads `timeout` (the docs disagree). */
  legacyTimeoutUnit?: LegacyTimeoutUnit;
  /** Legacy: the authorised application whose tasks are created and followed (`appId` on every query). */
  legacyAuthorizedAppId?: string;
  /** v5 region ID for derived AK/SK signing, when the endpoint's host names none. */
  region?: string;
  /** v5 AK/SK algorithm: `auto` (by host, as the SDKs choose) or forced. */
  signingAlgorithm?: 'auto' | 'SDK-HMAC-SHA256' | 'V11-HMAC-SHA256';
}

/** Creates the adapter for `platform` at `endpoint` with the given credentials (and TLS files, for two-way TLS). */
export function createPlatformAdapter(
  platform: PlatformName,
  endpoint: string,
  credentials: PlatformCredentials,
  tuning: PlatformTuning = {},
  tls?: TransportTlsOptions,
): ClosableAdapter {
  const common = {
    ...(tls ? { tls } : {}),
    ...(tuning.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: tuning.rateLimitPerMinute }),
    ...(tuning.maxUnfinishedTasks === undefined ? {} : { maxUnfinishedTasks: tuning.maxUnfinishedTasks }),
  };
  if (platform === 'legacy') {
    if (credentials.platform !== 'legacy') throw new Error('legacy adapter needs legacy credentials');
    return createLegacyAdapter({
      endpoint,
      appId: credentials.appId,
      secret: credentials.secret,
      ...common,
      ...(tuning.legacyTimeoutUnit ? { timeoutUnit: tuning.legacyTimeoutUnit } : {}),
      ...(tuning.legacyAuthorizedAppId ? { authorizedAppId: tuning.legacyAuthorizedAppId } : {}),
    });
  }
  if (credentials.platform !== 'v5') throw new Error('v5 adapter needs v5 credentials');
  try {
    return createV5Platform(endpoint, credentials, tuning, common);
  } catch (error) {
    // Say which option to give, not the adapter setting's name.
    if (AdapterArgumentError.isInstance(error) && error.field === 'region') {
      throw new CliInputError(
        '--region',
        `${error.message}; give --region (or ${credentialVariables.v5Region}, file key v5.region)`,
      );
    }
    throw error;
  }
}

function createV5Platform(
  endpoint: string,
  credentials: V5Credentials,
  tuning: PlatformTuning,
  common: Partial<V5AdapterSettings>,
): ClosableAdapter {
  return createV5Adapter({
    endpoint,
    projectId: credentials.projectId,
    ...(credentials.accessKey === undefined
      ? { token: credentials.token }
      : {
          credentials: {
            accessKey: credentials.accessKey,
            secretKey: credentials.secretKey,
            ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
          },
        }),
    ...(credentials.instanceId ? { instanceId: credentials.instanceId } : {}),
    // --region wins over the credentials' region.
    ...((tuning.region ?? credentials.region) === undefined
      ? {}
      : { region: (tuning.region ?? credentials.region) as string }),
    ...(tuning.signingAlgorithm === undefined ? {} : { signingAlgorithm: tuning.signingAlgorithm }),
    ...common,
  });
}

/**
 * The name and capabilities of a platform's adapter, for commands that plan without calling the
 * platform (`validate`, `plan --devices`). The adapter is built against an unused loopback address with
 * placeholder credentials: capabilities are static, and nothing is sent.
 */
export async function platformAdapterInfo(
  platform: PlatformName,
  tuning: PlatformTuning = {},
): Promise<{ name: string; capabilities: AdapterCapabilitiesV1 }> {
  const placeholder: PlatformCredentials =
    platform === 'legacy'
      ? { platform, appId: 'placeholder', secret: 'placeholder' }
      : { platform, projectId: 'placeholder', token: 'placeholder' };
  const adapter = createPlatformAdapter(platform, 'http://127.0.0.1:9', placeholder, tuning);
  try {
    return { name: adapter.name, capabilities: adapter.capabilities };
  } finally {
    await adapter.close?.();
  }
}
