import type {
  Campaign,
  CampaignEvents,
  CampaignReport,
  CampaignStore,
  JournalRecord,
} from '../../src/index.js';
import type { MemoryAdapter, MemoryFault, MemoryRoute } from '../../src/testing/index.js';

/** The events of issue 5 (the `wave-*` events come with a rollout). */
export const campaignEventNames = [
  'plan-ready',
  'task-creating',
  'task-created',
  'task-retrying',
  'task-failed',
  'task-progress',
  'campaign-progress',
  'campaign-finished',
] as const satisfies readonly (keyof CampaignEvents)[];

/** A campaign over `count` explicit devices `d0…`. */
export function deviceCampaign(count: number, name = 'camp'): Campaign {
  return {
    name,
    target: { type: 'DeviceList', deviceIds: Array.from({ length: count }, (_, index) => `d${index}`) },
    operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: { delay: 0 } },
  };
}

/** mulberry32: a tiny seeded PRNG, so a fast-check seed reproduces every fault. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Faults on every route with probability `rate`, types drawn from `types`. */
export function randomFaults(seed: number, rate: number, types: readonly MemoryFault['type'][]) {
  const random = seededRandom(seed);
  return (route: MemoryRoute): MemoryFault | undefined => {
    if (types.length === 0 || random() >= rate) return undefined;
    const type = types[Math.floor(random() * types.length)] as MemoryFault['type'];
    // Only a create can be refused for the unfinished-task limit; a look-up or a poll never is.
    if (type === 'taskLimit' && route !== 'create') return undefined;
    return type === 'latency' || type === 'lateCommit'
      ? { type, ms: Math.floor(random() * 5_000) }
      : { type };
  };
}

/**
 * The invariants of issue 5 against the memory platform: no duplicate task names; every device in at
 * most one task and, for every task the report calls created, exactly one; the report equals the
 * platform's own state.
 */
export function checkInvariants(
  adapter: MemoryAdapter,
  report: CampaignReport,
  deviceCount: number,
): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const task of adapter.tasks) {
    if (names.has(task.name)) problems.push(`duplicate task name ${task.name}`);
    names.add(task.name);
  }
  const owner = new Map<string, string>();
  for (const task of adapter.tasks) {
    for (const id of task.deviceIds ?? []) {
      if (owner.has(id)) problems.push(`device ${id} in ${owner.get(id)} and ${task.name}`);
      owner.set(id, task.name);
    }
  }
  for (const entry of report.tasks) {
    const onPlatform = adapter.tasks.find((task) => task.name === entry.name);
    if (entry.created === true && onPlatform === undefined)
      problems.push(`${entry.name} reported created, not on the platform`);
    if (entry.created === false && onPlatform !== undefined)
      problems.push(`${entry.name} reported not created, but exists`);
    if (entry.taskId !== undefined) {
      if (onPlatform?.taskId !== entry.taskId)
        problems.push(`${entry.name} has id ${entry.taskId}, platform ${onPlatform?.taskId}`);
      if (onPlatform !== undefined && report.status === 'completed') {
        const status = adapter.statusOf(onPlatform);
        if (status.state !== entry.state)
          problems.push(`${entry.name}: state ${entry.state}, platform ${status.state}`);
        if (JSON.stringify(status.counts) !== JSON.stringify(entry.counts))
          problems.push(`${entry.name}: counts differ from the platform's`);
      }
    }
  }
  if (report.status === 'completed') {
    const reported = new Set(report.tasks.filter((task) => task.created === true).map((task) => task.name));
    for (const id of Array.from({ length: deviceCount }, (_, index) => `d${index}`)) {
      const name = owner.get(id);
      if (
        name !== undefined &&
        !reported.has(name) &&
        report.tasks.find((task) => task.name === name)?.created !== 'unknown'
      ) {
        problems.push(`device ${id} is in ${name}, which the report does not show`);
      }
    }
    if (report.totals.targeted !== deviceCount)
      problems.push(`targeted ${report.totals.targeted}, expected ${deviceCount}`);
  }
  return problems;
}

/** A store that logs every append into a shared timeline (to check journal-before-event ordering). */
export function loggingStore(inner: CampaignStore, timeline: string[]): CampaignStore {
  return {
    append: async (campaignId: string, record: JournalRecord) => {
      await inner.append(campaignId, record);
      timeline.push(`journal ${record.type}${'index' in record ? ` ${record.index}` : ''}`);
    },
    read: (campaignId: string) => inner.read(campaignId),
  };
}
