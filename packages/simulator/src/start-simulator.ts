import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, adminRoutes } from './admin/admin-routes.js';
import { type FaultController, FaultInjector } from './fault-injector.js';
import type { Fleet } from './fleet/fleet.js';
import { generateFleet, hex } from './fleet/generate-fleet.js';
import { dispatchRequest } from './http/dispatch-request.js';
import { HttpReply } from './http/http-reply.js';
import type { Route, RouteApi } from './http/route.js';
import { iamRoutes } from './iam-routes.js';
import { LEGACY_ERRORS, legacyError } from './legacy/legacy-errors.js';
import { legacyRoutes } from './legacy/legacy-routes.js';
import { RateLimiter } from './rate-limiter.js';
import { type RequestLogEntry, RequestLog } from './request-log.js';
import { createSeededRandom, mixSeed } from './seeded-random.js';
import { type SimulatedTask, snapshotTask } from './simulated-task.js';
import { type SimulatorClock, createSimulatorClock } from './simulator-clock.js';
import { requireInteger } from './simulator-config-error.js';
import type { SimulatorContext, SimulatorCredentials } from './simulator-context.js';
import {
  DEFAULT_SETTINGS,
  type SimulatorSettings,
  type SimulatorSettingsPatch,
  applySettingsPatch,
} from './simulator-settings.js';
import type { TaskApi } from './tasks/sim-task.js';
import { TaskStore } from './tasks/task-store.js';
import { TokenStore } from './token-store.js';
import { v5DirectoryRoutes } from './v5/v5-directory-routes.js';
import { v5ThrottleError } from './v5/v5-auth.js';
import { V5_ERRORS, v5Error } from './v5/v5-errors.js';
import { v5TaskRoutes } from './v5/v5-task-routes.js';

/** Options of {@link startSimulator}; every behaviour knob of {@link SimulatorSettings} may be given too. */
export interface StartSimulatorOptions extends SimulatorSettingsPatch {
  /** TCP port; 0 (default) picks a free one. The server always binds 127.0.0.1. */
  port?: number;
  /** Seed of the fleet, subtask outcomes and faults. Default 1. */
  seed?: number;
  /** Fleet size (default 1,000) or a fleet made with `generateFleet`. */
  devices?: number | Fleet;
  /** Simulated time runs this many times faster than real time; 0 = manual clock (`sim.clock.advance`). Default 1. */
  timeScale?: number;
  /** Simulated start instant, epoch ms. Default: now. */
  startTime?: number;
  /** Largest accepted request body. Default 8 MiB (30,000 IDs of 128 characters fit). */
  maxBodyBytes?: number;
  /** Override the generated credentials (handy for fixed demo values). */
  credentials?: {
    legacy?: Partial<SimulatorCredentials['legacy']>;
    v5?: Partial<Omit<SimulatorCredentials['v5'], 'token'>>;
  };
}

/** A running simulator. */
export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`; both APIs live under it. */
  readonly url: string;
  readonly port: number;
  readonly credentials: SimulatorCredentials;
  readonly fleet: Fleet;
  readonly clock: SimulatorClock;
  /** Per-route, seeded fault injection. */
  readonly faults: FaultController;
  /** Current settings (a copy). */
  readonly settings: SimulatorSettings;
  /** Changes settings (and `timeScale`) at runtime; tasks are first caught up under the old settings. */
  configure(patch: SimulatorSettingsPatch & { timeScale?: number }): SimulatorSettings;
  /** Created tasks (oldest first), caught up with the clock; optionally of one API. */
  tasks(filter?: { api?: TaskApi }): SimulatedTask[];
  /** One task by ID. */
  task(taskId: string): SimulatedTask | undefined;
  /** Recent requests (route, status or cut connection, injected fault). */
  requests(): readonly RequestLogEntry[];
  /** Issues a fresh v5 X-Auth-Token (as the IAM login would). */
  issueV5Token(): string;
  /** Forgets tasks, tokens (except fresh start credentials), rate windows, faults and the request log. */
  reset(): void;
  /** Stops the server and cuts open connections. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

/**
 * Starts both Huawei batch-task APIs (legacy OceanConnect and IoTDA v5) on 127.0.0.1.
 *
 * @example
 * const sim = await startSimulator({ devices: 5000, seed: 7, timeScale: 0 });
 * // … point an adapter at sim.url with sim.credentials …
 * sim.clock.advance(60_000);
 * sim.tasks()[0]?.status;
 * await sim.close();
 */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<Simulator> {
  const { port = 0, seed = 1, devices = 1000, timeScale = 1, startTime = Date.now() } = options;
  requireInteger('port', port, 0, 65_535);
  const maxBodyBytes = requireInteger(
    'maxBodyBytes',
    options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    1024,
    256 * 1024 * 1024,
  );
  let settings = applySettingsPatch(DEFAULT_SETTINGS, options);
  const fleet =
    typeof devices === 'number' ? generateFleet({ count: devices, seed, referenceTime: startTime }) : devices;
  const clock = createSimulatorClock(startTime, timeScale);
  const random = createSeededRandom(mixSeed(seed, 0x5eed));
  const store = new TaskStore(
    () => settings,
    () => settings.unfinishedTaskLimit.v5,
  );
  const tokens = new TokenStore();
  const limiter = new RateLimiter(() => settings.rateLimit);
  const faults = new FaultInjector(seed);
  const log = new RequestLog();
  const instanceTag = hex(random, 6);
  let seq = 0;

  const credentials: SimulatorCredentials = {
    legacy: {
      appId: `app_${hex(random, 20)}`,
      secret: randomBytes(16).toString('hex'),
      authorizedAppId: `app_auth_${randomBytes(8).toString('hex')}`,
      ...options.credentials?.legacy,
    },
    v5: {
      projectId: hex(random, 32),
      token: '',
      appId: `space_${hex(random, 16)}`,
      userName: 'fleetcast',
      password: randomBytes(12).toString('hex'),
      domainName: 'fleetcast-sim',
      accessKey: `SIMAK${randomBytes(8).toString('hex').toUpperCase()}`,
      secretKey: randomBytes(20).toString('base64url'),
      temporary: {
        accessKey: `SIMTMP${randomBytes(7).toString('hex').toUpperCase()}`,
        secretKey: randomBytes(20).toString('base64url'),
        securityToken: `sts-${randomBytes(24).toString('hex')}`,
      },
      ...options.credentials?.v5,
    },
  };
  const issueV5Token = () =>
    tokens.issue(`v5:${credentials.v5.projectId}`, clock.now(), settings.tokenLifetimeMs.v5).token;
  credentials.v5.token = issueV5Token();

  const ctx: SimulatorContext = {
    fleet,
    clock,
    store,
    tokens,
    limiter,
    credentials,
    resourceSpaces: [{ appId: credentials.v5.appId, appName: 'DefaultApp_fleetcast' }],
    settings: () => settings,
    nextTaskId() {
      seq++;
      const seconds = Math.floor(clock.now() / 1000)
        .toString(16)
        .padStart(8, '0')
        .slice(-8);
      return { seq, taskId: `${seconds}${instanceTag}${seq.toString(16).padStart(10, '0')}` };
    },
    taskRandom: (taskSeq) => createSeededRandom(mixSeed(seed, taskSeq)),
  };

  const sync = () => store.sync(clock.now());
  const snapshot = (filter?: { api?: TaskApi }) => {
    sync();
    return store
      .all()
      .filter((task) => filter?.api === undefined || task.api === filter.api)
      .map((task) => snapshotTask(fleet, task, settings));
  };
  const configure = (patch: SimulatorSettingsPatch & { timeScale?: number }) => {
    const { timeScale: nextScale, ...rest } = patch;
    const next = applySettingsPatch(settings, rest);
    sync();
    settings = next;
    if (nextScale !== undefined) clock.setTimeScale(nextScale);
    return structuredClone(settings);
  };
  const reset = () => {
    store.clear();
    tokens.clear();
    limiter.reset();
    faults.clear();
    log.clear();
    credentials.v5.token = issueV5Token();
  };

  const routes: Route[] = [
    ...legacyRoutes(ctx),
    ...v5TaskRoutes(ctx),
    ...v5DirectoryRoutes(ctx),
    ...iamRoutes(ctx),
    ...adminRoutes({
      state: () => ({
        now: clock.now(),
        timeScale: clock.timeScale,
        settings,
        fleet: { size: fleet.size, products: fleet.products.length, groups: fleet.groups.length },
        faults: faults.list(),
        tasks: snapshot().length,
      }),
      tasks: () => snapshot(),
      task: (taskId) => snapshot().find((task) => task.taskId === taskId),
      reset,
      configure,
      advance: (ms) => clock.advance(ms),
      setFault: (route, rule) => faults.set(route, rule),
      clearFaults: (route) => faults.clear(route),
    }),
  ];

  const errorReply = (api: RouteApi, kind: string, status?: number): HttpReply => {
    if (api === 'admin') return new HttpReply(status ?? 500, { error: kind });
    if (api === 'legacy') {
      if (kind === 'invalid-body')
        return legacyError(LEGACY_ERRORS.invalidInput, 'The request path is malformed.');
      if (kind === 'too-large')
        return legacyError(LEGACY_ERRORS.invalidInput, 'The request body is too large.');
      if (kind === 'throttle') return legacyError(LEGACY_ERRORS.throttled);
      if (kind === 'not-found')
        return new HttpReply(status ?? 404, { error_code: 'SIM.NOT_FOUND', error_desc: 'No such API.' });
      return legacyError(LEGACY_ERRORS.internal, undefined, status);
    }
    if (kind === 'invalid-body') return v5Error(V5_ERRORS.invalidInput, 'The request path is malformed.');
    if (kind === 'too-large') return v5Error(V5_ERRORS.invalidInput, 'The request body is too large.');
    if (kind === 'throttle') return v5Error(v5ThrottleError(settings));
    if (kind === 'not-found') {
      return new HttpReply(status ?? 404, {
        error_code: 'APIGW.0101',
        error_msg: 'The API does not exist or has not been published in the environment.',
      });
    }
    return v5Error(V5_ERRORS.internal, undefined, status);
  };

  const server = createServer((request, response) => {
    dispatchRequest(
      {
        routes,
        log,
        maxBodyBytes: () => maxBodyBytes,
        now: () => clock.now(),
        decideFault: (route) => faults.decide(route.name as Parameters<FaultInjector['decide']>[0]),
        sync,
        errorReply,
      },
      request,
      response,
    ).catch((error: unknown) => {
      process.emitWarning(`fleetcast-simulator: request failed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const boundPort = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    credentials,
    fleet,
    clock,
    faults,
    get settings() {
      return structuredClone(settings);
    },
    configure,
    tasks: snapshot,
    task: (taskId) => snapshot().find((task) => task.taskId === taskId),
    requests: () => log.entries(),
    issueV5Token,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Path prefix of the admin surface (no Huawei API uses it). */
export const SIMULATOR_ADMIN_PREFIX = ADMIN_PREFIX;
