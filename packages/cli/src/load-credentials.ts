import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliInputError } from './cli-input-error.js';
import type { PlatformName } from './platform-name.js';
import { describeFsError } from './read-campaign-file.js';

/** What the legacy adapter logs in with. */
export interface LegacyCredentials {
  platform: 'legacy';
  appId: string;
  secret: string;
}

/**
 * What the v5 adapter authenticates with: the project and either an access key pair (AK/SK signing, the
 * way Huawei's SDKs call IoTDA; `securityToken` for temporary keys) or an IAM token (`X-Auth-Token`).
 * When both are given, the keys are used.
 */
export type V5Credentials = {
  platform: 'v5';
  projectId: string;
  /** `Instance-Id` header, for standard and enterprise instances. */
  instanceId?: string;
  /** Region ID for derived signing (not a secret; kept here so a simulator's file is complete). */
  region?: string;
} & (
  | { accessKey: string; secretKey: string; securityToken?: string; token?: undefined }
  | { token: string; accessKey?: undefined }
);

/** Credentials for one platform. */
export type PlatformCredentials = LegacyCredentials | V5Credentials;

/**
 * Environment variables the CLI reads credentials from. They win over the credentials file, key by key.
 * There are deliberately no command-line options for them: arguments end up in shell history and `ps`.
 */
export const credentialVariables = {
  file: 'FLEETCAST_CREDENTIALS_FILE',
  legacyAppId: 'FLEETCAST_LEGACY_APP_ID',
  legacySecret: 'FLEETCAST_LEGACY_SECRET',
  v5ProjectId: 'FLEETCAST_V5_PROJECT_ID',
  v5Token: 'FLEETCAST_V5_TOKEN',
  v5AccessKey: 'FLEETCAST_V5_ACCESS_KEY',
  v5SecretKey: 'FLEETCAST_V5_SECRET_KEY',
  v5SecurityToken: 'FLEETCAST_V5_SECURITY_TOKEN',
  v5InstanceId: 'FLEETCAST_V5_INSTANCE_ID',
  v5Region: 'FLEETCAST_V5_REGION',
} as const;

/**
 * The shape of a credentials file (JSON): one section per platform; only the platform in use is read.
 * `{"legacy": {"appId": "…", "secret": "…"}, "v5": {"projectId": "…", "accessKey": "…", "secretKey": "…", "instanceId": "…"}}`
 * (v5 takes `token` instead of the keys, and `securityToken` with temporary keys).
 */
export interface CredentialsFile {
  legacy?: { appId?: string; secret?: string };
  v5?: {
    projectId?: string;
    token?: string;
    accessKey?: string;
    secretKey?: string;
    securityToken?: string;
    instanceId?: string;
    region?: string;
  };
}

/**
 * Loads the credentials of `platform` from the environment and, when given (`--credentials` or
 * `FLEETCAST_CREDENTIALS_FILE`), a JSON file. A missing value is a {@link CliInputError} that names the
 * variable and file key to set; no error ever contains a credential's value.
 */
export async function loadCredentials(
  platform: PlatformName,
  env: Readonly<Record<string, string | undefined>>,
  options: { file?: string; cwd: string },
): Promise<PlatformCredentials> {
  const filePath = options.file ?? nonEmpty(env[credentialVariables.file]);
  const file = filePath ? await readCredentialsFile(filePath, options.cwd) : {};
  const where = filePath ? `credentials (environment or ${filePath})` : 'credentials (environment)';
  if (platform === 'legacy') {
    const section = file.legacy ?? {};
    const appId = nonEmpty(env[credentialVariables.legacyAppId]) ?? nonEmpty(section.appId);
    const secret = nonEmpty(env[credentialVariables.legacySecret]) ?? nonEmpty(section.secret);
    const missing = [
      appId ? undefined : `${credentialVariables.legacyAppId} (file key legacy.appId)`,
      secret ? undefined : `${credentialVariables.legacySecret} (file key legacy.secret)`,
    ].filter((name) => name !== undefined);
    if (!appId || !secret)
      throw new CliInputError(where, `missing for the legacy platform: ${missing.join(', ')}`);
    return { platform, appId, secret };
  }
  const section = file.v5 ?? {};
  const projectId = nonEmpty(env[credentialVariables.v5ProjectId]) ?? nonEmpty(section.projectId);
  const token = nonEmpty(env[credentialVariables.v5Token]) ?? nonEmpty(section.token);
  const accessKey = nonEmpty(env[credentialVariables.v5AccessKey]) ?? nonEmpty(section.accessKey);
  const secretKey = nonEmpty(env[credentialVariables.v5SecretKey]) ?? nonEmpty(section.secretKey);
  const securityToken = nonEmpty(env[credentialVariables.v5SecurityToken]) ?? nonEmpty(section.securityToken);
  const instanceId = nonEmpty(env[credentialVariables.v5InstanceId]) ?? nonEmpty(section.instanceId);
  const region = nonEmpty(env[credentialVariables.v5Region]) ?? nonEmpty(section.region);
  const keys = `${credentialVariables.v5AccessKey} and ${credentialVariables.v5SecretKey} (file keys v5.accessKey, v5.secretKey)`;
  const missing = [
    projectId ? undefined : `${credentialVariables.v5ProjectId} (file key v5.projectId)`,
    // Half a key pair is a mistake worth naming, not a reason to fall back on a token silently.
    accessKey && !secretKey
      ? `${credentialVariables.v5SecretKey} (file key v5.secretKey) to go with the access key`
      : undefined,
    secretKey && !accessKey
      ? `${credentialVariables.v5AccessKey} (file key v5.accessKey) to go with the secret key`
      : undefined,
    accessKey || secretKey || token
      ? undefined
      : `${keys}, or ${credentialVariables.v5Token} (file key v5.token)`,
  ].filter((name) => name !== undefined);
  if (!projectId || missing.length > 0)
    throw new CliInputError(where, `missing for the v5 platform: ${missing.join(', ')}`);
  const common = {
    platform,
    projectId,
    ...(instanceId ? { instanceId } : {}),
    ...(region ? { region } : {}),
  } as const;
  if (accessKey && secretKey)
    return { ...common, accessKey, secretKey, ...(securityToken ? { securityToken } : {}) };
  return { ...common, token: token as string };
}

async function readCredentialsFile(path: string, cwd: string): Promise<CredentialsFile> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new CliInputError(path, `cannot read the credentials file (${describeFsError(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message may quote part of the file, i.e. a secret: say only that it is not JSON.
    throw new CliInputError(path, 'the credentials file is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliInputError(
      path,
      'the credentials file must be a JSON object with `legacy` and/or `v5` sections',
    );
  }
  const record = value as Record<string, unknown>;
  for (const [section, keys] of [
    ['legacy', ['appId', 'secret']],
    ['v5', ['projectId', 'token', 'accessKey', 'secretKey', 'securityToken', 'instanceId', 'region']],
  ] as const) {
    const part = record[section];
    if (part === undefined) continue;
    if (typeof part !== 'object' || part === null || Array.isArray(part)) {
      throw new CliInputError(path, `\`${section}\` must be an object`);
    }
    for (const key of keys) {
      const field = (part as Record<string, unknown>)[key];
      if (field !== undefined && typeof field !== 'string') {
        throw new CliInputError(path, `\`${section}.${key}\` must be a string`);
      }
    }
  }
  return record as CredentialsFile;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
