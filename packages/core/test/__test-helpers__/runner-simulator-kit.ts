import { createLegacyAdapter } from '@fleetcast/adapter-legacy';
import { createV5Adapter } from '@fleetcast/adapter-v5';
import type { AdapterV1, Campaign, CampaignReport, PlanSource } from '@fleetcast/core';
import { planStream } from '@fleetcast/core';
import type { Simulator } from '@fleetcast/simulator';

/** The real adapter of `api`, pointed at the simulator. */
export function simulatorAdapter(
  sim: Simulator,
  api: 'v5' | 'legacy',
  settings: { maxUnfinishedTasks?: number | 'unknown'; rateLimitPerMinute?: number } = {},
): AdapterV1 {
  return api === 'v5'
    ? createV5Adapter({
        endpoint: sim.url,
        projectId: sim.credentials.v5.projectId,
        token: sim.credentials.v5.token,
        requestTimeoutMs: 5_000,
        ...settings,
      })
    : createLegacyAdapter({
        endpoint: sim.url,
        appId: sim.credentials.legacy.appId,
        secret: sim.credentials.legacy.secret,
        requestTimeoutMs: 5_000,
        ...settings,
      });
}

/** A command campaign over the first `count` fleet devices. */
export function fleetCampaign(sim: Simulator, count: number, name = 'camp'): Campaign {
  return {
    name,
    target: {
      type: 'DeviceList',
      deviceIds: Array.from({ length: count }, (_, index) => sim.fleet.deviceId(index)),
    },
    operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: { delay: 0 } },
  };
}

/** Plans with small tasks, so that a few hundred devices make many tasks. */
export const smallTasks =
  (maxTargetsPerTask: number): PlanSource =>
  (campaign, { adapter, directory, signal }) =>
    planStream(campaign, { adapter, directory, signal, maxTargetsPerTask });

/**
 * Issue 5's invariants against the simulator's own state: no duplicate task names, every targeted
 * device in exactly one task the report shows created (at most one when the report says unknown), and
 * the report's counters and states equal the simulator's.
 */
export function simulatorInvariants(
  sim: Simulator,
  report: CampaignReport,
  targeted: readonly string[],
): string[] {
  const problems: string[] = [];
  const tasks = sim.tasks();
  const byName = new Map<string, (typeof tasks)[number]>();
  for (const task of tasks) {
    if (byName.has(task.taskName)) problems.push(`duplicate task name ${task.taskName}`);
    byName.set(task.taskName, task);
  }
  const owner = new Map<string, string>();
  for (const task of tasks) {
    for (const id of task.targets) {
      if (owner.has(id)) problems.push(`device ${id} in ${owner.get(id)} and ${task.taskName}`);
      owner.set(id, task.taskName);
    }
  }
  for (const entry of report.tasks) {
    const onPlatform = byName.get(entry.name);
    if (entry.created === true && onPlatform === undefined)
      problems.push(`${entry.name} reported created, not on the platform`);
    if (entry.created === false && onPlatform !== undefined)
      problems.push(`${entry.name} reported not created, but exists`);
    if (entry.taskId !== undefined && onPlatform !== undefined) {
      if (onPlatform.taskId !== entry.taskId)
        problems.push(`${entry.name}: id ${entry.taskId}, platform ${onPlatform.taskId}`);
      if (report.status === 'completed') {
        if (onPlatform.finishedAt === undefined)
          problems.push(`${entry.name}: reported ${entry.state}, platform still ${onPlatform.status}`);
        if (entry.counts?.total !== onPlatform.counts.total)
          problems.push(`${entry.name}: total ${entry.counts?.total}, platform ${onPlatform.counts.total}`);
        if (entry.counts?.succeeded !== onPlatform.counts.success)
          problems.push(
            `${entry.name}: succeeded ${entry.counts?.succeeded}, platform ${onPlatform.counts.success}`,
          );
        // Legacy splits failures into failed and timed out (expired counted as timed out); v5 has one
        // fail counter for all three: compare the sum, which both APIs agree on.
        const unsuccessful = onPlatform.counts.fail + onPlatform.counts.timeout + onPlatform.counts.expired;
        const reported = (entry.counts?.failed ?? 0) + (entry.counts?.timedOut ?? 0);
        if (reported !== unsuccessful)
          problems.push(`${entry.name}: failed + timed out ${reported}, platform ${unsuccessful}`);
      }
    }
  }
  if (report.status === 'completed') {
    const settled = report.tasks.every((task) => task.created === true);
    for (const id of targeted) {
      const name = owner.get(id);
      if (name === undefined && settled) problems.push(`device ${id} is in no task`);
    }
    const reported = new Set(report.tasks.map((task) => task.name));
    for (const name of byName.keys())
      if (!reported.has(name)) problems.push(`platform task ${name} is not in the report`);
    // The totals add up what the platform holds for every task the report could read.
    const readable = report.tasks.filter((task) => task.taskId !== undefined);
    if (readable.length === report.tasks.length) {
      const succeeded = readable.reduce((sum, task) => sum + (byName.get(task.name)?.counts.success ?? 0), 0);
      if (report.totals.succeeded !== succeeded)
        problems.push(`totals: succeeded ${report.totals.succeeded}, platform ${succeeded}`);
    }
  }
  return problems;
}
