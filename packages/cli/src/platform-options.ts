import { type Command, InvalidArgumentError, Option } from 'commander';
import { type PlatformName, platformNames } from './platform-name.js';
import type { PlatformTuning } from './platform-adapter.js';

/** The options every platform-facing command shares, after parsing. */
export interface PlatformOptions {
  platform: PlatformName;
  credentials?: string;
  rateLimit?: number;
  maxUnfinished?: number;
  legacyTimeoutUnit?: 'minutes' | 'seconds';
  region?: string;
  signing?: 'auto' | 'SDK-HMAC-SHA256' | 'V11-HMAC-SHA256';
  legacyAppId?: string;
}

/** Adds `--platform` (required unless `platformOptional`) and the tuning options to `command`. */
export function addPlatformOptions(command: Command, { platformOptional = false } = {}): Command {
  const platform = new Option('--platform <name>', 'target platform').choices(platformNames);
  if (!platformOptional) platform.makeOptionMandatory();
  return command
    .addOption(platform)
    .option(
      '--credentials <file>',
      'JSON credentials file (default: $FLEETCAST_CREDENTIALS_FILE); environment variables win, see docs/cli.md',
    )
    .option('--rate-limit <calls>', "the app's API calls per minute (default 100)", positiveInteger)
    .option(
      '--max-unfinished <tasks>',
      'unfinished tasks the platform accepts, 1–1000 (legacy docs: 1 in English, 10 in Chinese)',
      integerFrom(1, 1000),
    )
    .addOption(
      new Option(
        '--legacy-timeout-unit <unit>',
        'how the legacy platform reads `timeout` (the docs disagree)',
      ).choices(['minutes', 'seconds']),
    )
    .option(
      '--legacy-app-id <appId>',
      'legacy: the authorised application whose tasks to create and follow (its appId goes on every query); needed to resume a campaign with policy.appId',
    )
    .option(
      '--region <id>',
      'v5: region ID for derived AK/SK signing (e.g. cn-north-4), when the endpoint host names none',
      regionId,
    )
    .addOption(
      new Option(
        '--signing <algorithm>',
        'v5 AK/SK algorithm: auto chooses by the endpoint host as Huawei SDKs do (instance endpoints: derived)',
      ).choices(['auto', 'SDK-HMAC-SHA256', 'V11-HMAC-SHA256']),
    );
}

/** Commander parser for a Huawei Cloud region ID. */
export function regionId(value: string): string {
  if (!/^[a-z]{2,}-[a-z]+-\d{1,2}$/.test(value)) {
    throw new InvalidArgumentError('expected a region ID such as cn-north-4 or ap-southeast-1.');
  }
  return value;
}

/** The tuning part of the parsed options, as the adapter factory takes it. */
export function tuningFrom(options: Omit<PlatformOptions, 'platform'>): PlatformTuning {
  return {
    ...(options.rateLimit === undefined ? {} : { rateLimitPerMinute: options.rateLimit }),
    ...(options.maxUnfinished === undefined ? {} : { maxUnfinishedTasks: options.maxUnfinished }),
    ...(options.legacyTimeoutUnit === undefined ? {} : { legacyTimeoutUnit: options.legacyTimeoutUnit }),
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.legacyAppId === undefined ? {} : { legacyAuthorizedAppId: options.legacyAppId }),
    ...(options.signing === undefined ? {} : { signingAlgorithm: options.signing }),
  };
}

/** Commander parser for options that take a whole number ≥ 1. */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('expected a whole number of at least 1.');
  }
  return parsed;
}

/** A commander parser for a whole number from `min` to `max` (the limits the runner enforces). */
export function integerFrom(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return parsed;
  };
}

/** Commander parser for options that take a whole number ≥ 0. */
export function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed)) {
    throw new InvalidArgumentError('expected a whole number of at least 0.');
  }
  return parsed;
}
