import type { Fleet } from './fleet/fleet.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SeededRandom } from './seeded-random.js';
import type { SimulatorClock } from './simulator-clock.js';
import type { SimulatorSettings } from './simulator-settings.js';
import type { TaskStore } from './tasks/task-store.js';
import type { TokenStore } from './token-store.js';

/** The credentials a simulator accepts; printed by the bin and returned by `startSimulator`. */
export interface SimulatorCredentials {
  legacy: {
    appId: string;
    secret: string;
    /** Another app that authorised `appId`: creates may name it, and its tasks are queried with `?appId=`. */
    authorizedAppId: string;
  };
  v5: {
    projectId: string;
    /** A valid X-Auth-Token issued at start; it expires after `tokenLifetimeMs.v5` of simulated time. */
    token: string;
    /** A permanent access key pair for AK/SK signing (both algorithms). */
    accessKey: string;
    secretKey: string;
    /** A temporary access key pair: valid only with its `X-Security-Token`. */
    temporary: { accessKey: string; secretKey: string; securityToken: string };
    /** Default resource space (`app_id`). */
    appId: string;
    /** For the IAM-style `POST /v3/auth/tokens` re-login. */
    userName: string;
    password: string;
    domainName: string;
  };
}

/** Shared state every route handler works on. */
export interface SimulatorContext {
  readonly fleet: Fleet;
  readonly clock: SimulatorClock;
  readonly store: TaskStore;
  readonly tokens: TokenStore;
  readonly limiter: RateLimiter;
  readonly credentials: SimulatorCredentials;
  /** Resource spaces known to v5 (the default one first). */
  readonly resourceSpaces: readonly { appId: string; appName: string }[];
  settings(): SimulatorSettings;
  /** Next task sequence number and a 24-hex task ID that sorts by creation. */
  nextTaskId(): { seq: number; taskId: string };
  /** A seeded random stream for task number `seq`. */
  taskRandom(seq: number): SeededRandom;
}
