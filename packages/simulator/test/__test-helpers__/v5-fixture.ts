import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Simulator, startSimulator } from '../../src/index.js';
import { type Answer, call, v5Headers, v5Tasks } from './sim-client.js';

/** The v5 contract suites' shared simulator: one per file, reset before each test. */
export interface V5Fixture {
  readonly sim: Simulator;
  /** Headers of an authorised v5 call (the start token), renewed before each test. */
  readonly headers: Record<string, string>;
  /** IDs of `count` fleet devices from index `from`. */
  ids(count: number, from?: number): string[];
  /** `POST …/batchtasks`. */
  create(body: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** `GET …/batchtasks/{taskId}{query}`. */
  show(taskId: string, query?: string): Promise<Answer>;
}

/**
 * Registers the hooks of a 3,000-device, manual-clock simulator (seed 21) with a generous rate
 * limit, 10 unfinished v5 tasks, no failures and 50 devices/s, and returns accessors to it.
 */
export function useV5Fixture(): V5Fixture {
  let sim: Simulator | undefined;
  let headers: Record<string, string> = {};
  const running = () => {
    if (sim === undefined) throw new Error('the v5 fixture is used outside a test');
    return sim;
  };
  beforeAll(async () => {
    sim = await startSimulator({ devices: 3000, seed: 21, timeScale: 0 });
  });
  afterAll(() => sim?.close());
  beforeEach(() => {
    const current = running();
    current.reset();
    current.configure({
      rateLimit: { calls: 1000, windowMs: 60_000 },
      unfinishedTaskLimit: { v5: 10 },
      failureProbability: 0,
      timeoutProbability: 0,
      deviceRatePerSecond: 50,
    });
    headers = v5Headers(current);
  });
  return {
    get sim() {
      return running();
    },
    get headers() {
      return headers;
    },
    ids: (count, from = 0) => Array.from({ length: count }, (_, i) => running().fleet.deviceId(from + i)),
    create: (body, extra = headers) => call(running(), 'POST', v5Tasks(running()), { headers: extra, body }),
    show: (taskId, query = '') =>
      call(running(), 'GET', `${v5Tasks(running())}/${taskId}${query}`, { headers }),
  };
}
