import type { RateLimit } from './rate-limiter.js';
import { SimulatorConfigError, requireInteger, requireNumber } from './simulator-config-error.js';

/** Behaviour knobs of a running simulator; all can be changed at runtime with `sim.configure()`. */
export interface SimulatorSettings {
  /** Flow control per app (legacy) or project (v5), in simulated time. Default 100 calls / 60,000 ms. */
  rateLimit: RateLimit;
  /** Legacy: create answers 105001 at this many unfinished tasks. v5: tasks beyond it per resource space wait as `Waitting`. Default 10 / 10. */
  unfinishedTaskLimit: { legacy: number; v5: number };
  /** Subtasks each running task completes per simulated second. Default 50. */
  deviceRatePerSecond: number;
  /** Seeded probability that a subtask attempt fails. Default 0.02. */
  failureProbability: number;
  /** Seeded probability that a subtask attempt times out. Default 0.01. */
  timeoutProbability: number;
  /** Access-token lifetimes in simulated ms. Default legacy 3,600,000 (expiresIn 3600), v5 86,400,000. */
  tokenLifetimeMs: { legacy: number; v5: number };
  /** Unit of the legacy create `timeout` (the references disagree). Default `minutes`. */
  legacyTimeoutUnit: 'minutes' | 'seconds';
  /**
   * `select` values that add `tags` to legacy query-one: the query document says `tags`, the SDK docs
   * `tag`. Default both.
   */
  legacySelectValues: string[];
  /**
   * v5 throttling answer: `apigw` = 429 APIGW.0308 (default, the IoTDA code table's spelling), `apig` =
   * 429 APIG.0308 (the API Gateway documents' spelling), `iotda` = 403 IOTDA.021102.
   */
  v5Throttle: 'apigw' | 'apig' | 'iotda';
  /**
   * AK/SK algorithms the v5 gateway accepts: `any` (default), or only one, as an instance endpoint that
   * needs `V11-HMAC-SHA256` (standard and enterprise editions) or a basic edition that needs plain.
   */
  v5Signing: 'any' | 'SDK-HMAC-SHA256' | 'V11-HMAC-SHA256';
  /** Region ID a derived (`V11-HMAC-SHA256`) signature's scope must name. Default `cn-north-4`. */
  v5Region: string;
  /** Most targets in one create (both APIs). Default 30,000. */
  maxTargets: number;
  /** Legacy tasks stay `Pending` this long before `Running`. Default 1,000 ms. */
  pendingDelayMs: number;
  /** v5 tasks stay `Initializing` this long. Default 1,000 ms. */
  initializingDelayMs: number;
  /** v5 tasks stay `Stopping` this long after a stop of every subtask. Default 1,000 ms. */
  stoppingDelayMs: number;
}

/** Defaults from the references (see docs/simulator.md for the reasoning). */
export const DEFAULT_SETTINGS: SimulatorSettings = {
  rateLimit: { calls: 100, windowMs: 60_000 },
  unfinishedTaskLimit: { legacy: 10, v5: 10 },
  deviceRatePerSecond: 50,
  failureProbability: 0.02,
  timeoutProbability: 0.01,
  tokenLifetimeMs: { legacy: 3_600_000, v5: 86_400_000 },
  legacyTimeoutUnit: 'minutes',
  legacySelectValues: ['tags', 'tag'],
  v5Throttle: 'apigw',
  v5Signing: 'any',
  v5Region: 'cn-north-4',
  maxTargets: 30_000,
  pendingDelayMs: 1000,
  initializingDelayMs: 1000,
  stoppingDelayMs: 1000,
};

/** A partial update of {@link SimulatorSettings}; nested objects may be partial too. */
export type SimulatorSettingsPatch = Partial<
  Omit<SimulatorSettings, 'rateLimit' | 'unfinishedTaskLimit' | 'tokenLifetimeMs'> & {
    rateLimit: Partial<RateLimit>;
    unfinishedTaskLimit: Partial<SimulatorSettings['unfinishedTaskLimit']>;
    tokenLifetimeMs: Partial<SimulatorSettings['tokenLifetimeMs']>;
  }
>;

const DAY = 86_400_000;

/** Applies a patch to settings, validating every field; throws {@link SimulatorConfigError}. */
export function applySettingsPatch(
  current: SimulatorSettings,
  patch: SimulatorSettingsPatch,
): SimulatorSettings {
  // Patches also arrive as JSON through the admin surface: nested values must have the right shape.
  for (const key of ['rateLimit', 'unfinishedTaskLimit', 'tokenLifetimeMs'] as const) {
    const value: unknown = patch[key];
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value)))
      throw new SimulatorConfigError(key, 'must be an object');
  }
  if (patch.legacySelectValues !== undefined && !Array.isArray(patch.legacySelectValues))
    throw new SimulatorConfigError('legacySelectValues', 'must be a list of strings');
  const next: SimulatorSettings = {
    ...current,
    ...patch,
    rateLimit: { ...current.rateLimit, ...patch.rateLimit },
    unfinishedTaskLimit: { ...current.unfinishedTaskLimit, ...patch.unfinishedTaskLimit },
    tokenLifetimeMs: { ...current.tokenLifetimeMs, ...patch.tokenLifetimeMs },
    legacySelectValues: [...(patch.legacySelectValues ?? current.legacySelectValues)],
  };
  requireInteger('rateLimit.calls', next.rateLimit.calls, 0, 1e9);
  requireInteger('rateLimit.windowMs', next.rateLimit.windowMs, 1, 365 * DAY);
  requireInteger('unfinishedTaskLimit.legacy', next.unfinishedTaskLimit.legacy, 1, 1e6);
  requireInteger('unfinishedTaskLimit.v5', next.unfinishedTaskLimit.v5, 1, 1e6);
  requireNumber('deviceRatePerSecond', next.deviceRatePerSecond, 0, 1e9);
  requireNumber('failureProbability', next.failureProbability, 0, 1);
  requireNumber('timeoutProbability', next.timeoutProbability, 0, 1);
  if (next.failureProbability + next.timeoutProbability > 1) {
    throw new SimulatorConfigError(
      'failureProbability',
      'failureProbability + timeoutProbability must be at most 1',
    );
  }
  requireInteger('tokenLifetimeMs.legacy', next.tokenLifetimeMs.legacy, 1, 365 * DAY);
  requireInteger('tokenLifetimeMs.v5', next.tokenLifetimeMs.v5, 1, 365 * DAY);
  if (next.legacyTimeoutUnit !== 'minutes' && next.legacyTimeoutUnit !== 'seconds') {
    throw new SimulatorConfigError(
      'legacyTimeoutUnit',
      `must be 'minutes' or 'seconds', got ${String(next.legacyTimeoutUnit)}`,
    );
  }
  if (!next.legacySelectValues.every((value) => typeof value === 'string')) {
    throw new SimulatorConfigError('legacySelectValues', 'must be a list of strings');
  }
  if (!['apigw', 'apig', 'iotda'].includes(next.v5Throttle)) {
    throw new SimulatorConfigError(
      'v5Throttle',
      `must be 'apigw', 'apig' or 'iotda', got ${String(next.v5Throttle)}`,
    );
  }
  if (!['any', 'SDK-HMAC-SHA256', 'V11-HMAC-SHA256'].includes(next.v5Signing)) {
    throw new SimulatorConfigError(
      'v5Signing',
      `must be 'any', 'SDK-HMAC-SHA256' or 'V11-HMAC-SHA256', got ${String(next.v5Signing)}`,
    );
  }
  if (typeof next.v5Region !== 'string' || !/^[a-z]{2,}-[a-z]+-\d{1,2}$/.test(next.v5Region)) {
    throw new SimulatorConfigError(
      'v5Region',
      `must be a region ID such as cn-north-4, got ${JSON.stringify(next.v5Region)}`,
    );
  }
  requireInteger('maxTargets', next.maxTargets, 1, 1_000_000);
  requireInteger('pendingDelayMs', next.pendingDelayMs, 0, DAY);
  requireInteger('initializingDelayMs', next.initializingDelayMs, 0, DAY);
  requireInteger('stoppingDelayMs', next.stoppingDelayMs, 0, DAY);
  return next;
}
