/**
 * Child process of the replica tests: one service replica running a campaign worker against the
 * simulator and the test database. Prints one line per thing the parent schedules on:
 * `claimed <campaign> <epoch>`, `event <campaign> <name> <index>`, `answered <campaign> <task>` (a
 * create's answer is in and its journal write comes next: the child waits `answerDelayMs` there, so
 * a kill can land between the two). Settings arrive as JSON in argv[2]. SIGTERM: stops cleanly.
 */
import { type AdapterV1, type CampaignEvents, systemClock } from '@fleetcast/core';
import type { Simulator } from '@fleetcast/simulator';
import pg from 'pg';
import { simulatorAdapter, smallTasks } from '../../core/test/__test-helpers__/runner-simulator-kit.js';
import { createCampaignWorker } from '../src/index.js';

interface ChildSettings {
  databaseUrl: string;
  url: string;
  credentials: Simulator['credentials'];
  workerId: string;
  timeScale: number;
  perTask: number;
  leaseTtlMs: number;
  pollIntervalMs: number;
  answerDelayMs: number;
  /** Campaigns the worker drives at once. */
  concurrency: number;
  /** Calls/minute of both adapters (and so of the shared budgets). */
  rateLimitPerMinute?: number;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as ChildSettings;
// Never outlive a parent that died mid-test.
setTimeout(() => process.exit(3), 300_000).unref();
const out = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sim = { url: settings.url, credentials: settings.credentials } as unknown as Simulator;
function answering(adapter: AdapterV1): AdapterV1 {
  const wrapper = Object.create(adapter) as AdapterV1;
  Object.defineProperty(wrapper, 'doCreateTask', {
    value: async (...args: Parameters<AdapterV1['doCreateTask']>) => {
      const created = await adapter.doCreateTask(...args);
      // The adapter sees no campaign: its name is the task name without the planner's `_part<n>` suffix.
      const [{ task }] = args;
      out(`answered ${task.name.replace(/_part\d+$/, '')} ${task.name}`);
      await sleep(settings.answerDelayMs);
      return created;
    },
  });
  return wrapper;
}
const limits =
  settings.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: settings.rateLimitPerMinute };

const start = performance.now();
const clock = {
  now: () => (performance.now() - start) * settings.timeScale,
  sleep: (ms: number, signal?: AbortSignal) => systemClock.sleep(ms / settings.timeScale, signal),
};
const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: 6 });
const names: (keyof CampaignEvents)[] = ['task-creating', 'task-created', 'task-failed', 'task-progress'];
const worker = createCampaignWorker({
  pool,
  adapters: {
    v5: answering(simulatorAdapter(sim, 'v5', limits)),
    legacy: answering(simulatorAdapter(sim, 'legacy', limits)),
  },
  concurrency: settings.concurrency,
  workerId: settings.workerId,
  leaseTtlMs: settings.leaseTtlMs,
  pollIntervalMs: settings.pollIntervalMs,
  budgetKeys: { v5: 'sim-v5', legacy: 'sim-legacy' },
  budgetWindowMs: 60_000 / settings.timeScale,
  runOptions: { clock, plan: smallTasks(settings.perTask), retry: { baseDelayMs: 200, maxDelayMs: 5_000 } },
  onRun: (run, lease) => {
    out(`claimed ${lease.campaignId} ${lease.epoch}`);
    for (const name of names)
      run.on(name, (event: Parameters<CampaignEvents[typeof name]>[0]) => {
        out(`event ${lease.campaignId} ${name} ${'index' in event ? event.index : ''}`);
      });
  },
  onLeaseLost: (campaignId, epoch) => out(`fenced ${campaignId} ${epoch}`),
  onError: (error) => process.stderr.write(`worker error: ${(error as Error).message}\n`),
});
out('ready');
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
