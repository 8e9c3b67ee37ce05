/**
 * Child process of runner-crash.test.ts: runs (or resumes) one campaign against the simulator with a
 * file journal and prints one line per event, so the parent can SIGKILL it at chosen points.
 * Settings arrive as JSON in argv[2].
 */
import {
  type CampaignEvents,
  CampaignNotFoundError,
  type CampaignRun,
  FileCampaignStore,
  resumeCampaign,
  runCampaign,
  systemClock,
} from '@fleetcast/core';
import type { Simulator } from '@fleetcast/simulator';
import { fleetCampaign, simulatorAdapter, smallTasks } from './runner-simulator-kit.js';

interface ChildSettings {
  api: 'v5' | 'legacy';
  url: string;
  credentials: Simulator['credentials'];
  deviceIds: string[];
  perTask: number;
  journal: string;
  campaignId: string;
  timeScale: number;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as ChildSettings;
// Never outlive a parent that died mid-test (its simulator gone, polls would retry forever).
setTimeout(() => process.exit(3), 90_000).unref();
// Only what the kit reads from a simulator: its URL, credentials and device IDs.
const sim = {
  url: settings.url,
  credentials: settings.credentials,
  fleet: { deviceId: (index: number) => settings.deviceIds[index] as string },
} as unknown as Simulator;
const adapter = simulatorAdapter(sim, settings.api);
const store = new FileCampaignStore({ directory: settings.journal });
const start = performance.now();
const clock = {
  now: () => (performance.now() - start) * settings.timeScale,
  sleep: (ms: number, signal?: AbortSignal) => systemClock.sleep(ms / settings.timeScale, signal),
};
const common = {
  adapter,
  store,
  clock,
  plan: smallTasks(settings.perTask),
  retry: { baseDelayMs: 200, maxDelayMs: 5_000 },
};

function follow(run: CampaignRun): Promise<unknown> {
  const names: (keyof CampaignEvents)[] = [
    'task-creating',
    'task-created',
    'task-progress',
    'task-retrying',
    'task-failed',
    'plan-ready',
  ];
  for (const name of names)
    run.on(name, (event: Parameters<CampaignEvents[typeof name]>[0]) => {
      process.stdout.write(`event ${name} ${'index' in event ? event.index : ''}\n`);
    });
  return run.result;
}

let report: unknown;
try {
  report = await follow(resumeCampaign(settings.campaignId, common));
} catch (error) {
  if (
    !CampaignNotFoundError.isInstance(error) ||
    (error as CampaignNotFoundError).code !== 'FLEETCAST_CAMPAIGN_NOT_FOUND'
  )
    throw error;
  // Killed before the journal held its first record: start afresh under the same ID.
  report = await follow(
    runCampaign(fleetCampaign(sim, settings.deviceIds.length, 'crash'), {
      ...common,
      campaignId: settings.campaignId,
    }),
  );
}
process.stdout.write(`report ${JSON.stringify(report)}\n`);
