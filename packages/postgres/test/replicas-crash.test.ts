/**
 * Crash and partition model: three replica processes share one simulator and one database; a
 * fast-check schedule SIGKILLs or pauses (SIGSTOP, then SIGCONT after the lease was taken) the owner of
 * a v5 and a legacy campaign at random points, at least 30 per platform, including between a create's
 * answer and its journal write. Invariants: no task created twice and no device in two tasks (checked
 * after every point), every planned task created or reported and the final report equal to the
 * platform, journal epochs never decrease, and a resumed replica writes nothing once its lease was taken.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignReport } from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorInvariants } from '../../core/test/__test-helpers__/runner-simulator-kit.js';
import { migrate, readSharedCampaign, submitCampaign } from '../src/index.js';
import { type Replica, ReplicaFleet } from './replica-fleet.js';
import { createTestDatabase, openPool, type TestDatabase } from './postgres-test-database.js';

const timeScale = 200;
const leaseTtlMs = 1_500;
const pointsPerPlatform = 30;
const devicesPerCampaign = 1_000;
const perTask = 20;
const apis = ['v5', 'legacy'] as const;
type Api = (typeof apis)[number];

let sim: Simulator;
let database: TestDatabase;
let pool: pg.Pool;
let fleet: ReplicaFleet;
beforeAll(async () => {
  sim = await startSimulator({ devices: 8 * devicesPerCampaign, seed: 41, timeScale });
  // Tasks of 20 devices at 0.1/s run 200 s simulated (1 s real), two at a time per platform.
  sim.configure({ unfinishedTaskLimit: { legacy: 2, v5: 2 }, deviceRatePerSecond: 0.1 });
  database = await createTestDatabase();
  pool = openPool(database.url, 4);
  await migrate(pool);
  fleet = new ReplicaFleet((workerId) => ({
    databaseUrl: database.url,
    url: sim.url,
    credentials: sim.credentials,
    workerId,
    timeScale,
    perTask,
    leaseTtlMs,
    pollIntervalMs: 100,
    answerDelayMs: 25,
    concurrency: 1,
  }));
  await Promise.all([fleet.spawn(), fleet.spawn(), fleet.spawn()]);
}, 60_000);
afterAll(async () => {
  await fleet?.stopAll();
  await pool?.end();
  await database?.drop();
  await sim?.close();
});

/** The simulator as one platform sees it (both APIs share the simulator's task table). */
function platformOf(api: Api): Simulator {
  return { tasks: () => sim.tasks().filter((task) => task.api === api) } as unknown as Simulator;
}

/** No task name twice, no device in two tasks: must hold at every instant, even right after a kill. */
function platformProblems(api: Api): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const owner = new Map<string, string>();
  for (const task of platformOf(api).tasks()) {
    if (names.has(task.taskName)) problems.push(`duplicate task name ${task.taskName}`);
    names.add(task.taskName);
    for (const id of task.targets) {
      if (owner.has(id)) problems.push(`device ${id} in ${owner.get(id)} and ${task.taskName}`);
      owner.set(id, task.taskName);
    }
  }
  return problems;
}

interface Action {
  kind: 'kill' | 'pause';
  /** What the point follows: any runner event line of the campaign, or a create's answer (before its journal write). */
  trigger: 'event' | 'answered';
  /** How many such lines after the previous point. */
  after: number;
  delayMs: number;
  /** SIGCONT this long after SIGSTOP: past the lease TTL, so another replica takes over meanwhile. */
  pauseMs: number;
}

/**
 * Kills land anywhere (after any event line or create answer, plus up to 30 ms). Pauses land inside a
 * create's answer window (the child holds the answer 25 ms before the journal write; with one campaign
 * per replica and one create at a time nothing else is under way then): a pause between the lease
 * check and a create request leaving the socket is the window no client-side fencing closes (the
 * platform checks no epoch; docs/replicas.md, "Limits"), so the model does not aim there.
 */
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant<'kill'>('kill'),
    trigger: fc.constantFrom<Action['trigger'][]>('event', 'answered'),
    after: fc.integer({ min: 1, max: 4 }),
    delayMs: fc.integer({ min: 0, max: 30 }),
    pauseMs: fc.constant(0),
  }),
  fc.record({
    kind: fc.constant<'pause'>('pause'),
    trigger: fc.constant<'answered'>('answered'),
    after: fc.integer({ min: 1, max: 3 }),
    delayMs: fc.integer({ min: 0, max: 15 }),
    pauseMs: fc.integer({ min: leaseTtlMs + 400, max: leaseTtlMs + 1_500 }),
  }),
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('replicas: crash and partition model (3 worker processes, one simulator, one database)', () => {
  it(`SIGKILL and SIGSTOP/SIGCONT of the owner at >= ${pointsPerPlatform} random points per platform keep every invariant`, async () => {
    /** Per campaign: the replica that last said something about it, lines seen by trigger, claims. */
    const owner = new Map<string, Replica>();
    const seen = new Map<string, { event: number; answered: number }>();
    const claimedBy = new Map<string, string[]>();
    let fencedRuns = 0;
    const trace: string[] = [];
    const traceFile = join(tmpdir(), 'fleetcast-replicas-trace.log');
    writeFileSync(traceFile, '');
    const note = (text: string) => {
      const entry = `${performance.now().toFixed(1)} ${text}`;
      trace.push(entry);
      if (process.env.FLEETCAST_TRACE === '1') appendFileSync(traceFile, `${entry}\n`);
    };
    fleet.onLine((replica, line) => {
      note(`${replica.id} ${line}`);
      const [word, campaignId] = line.split(' ');
      if (word === 'fenced') fencedRuns += 1;
      if (campaignId === undefined || (word !== 'claimed' && word !== 'event' && word !== 'answered')) return;
      owner.set(campaignId, replica);
      const counts = seen.get(campaignId) ?? { event: 0, answered: 0 };
      seen.set(campaignId, counts);
      if (word === 'claimed') claimedBy.set(campaignId, [...(claimedBy.get(campaignId) ?? []), replica.id]);
      else counts[word] += 1;
    });

    const points: Record<Api, { kill: number; pause: number; answered: number }> = {
      v5: { kill: 0, pause: 0, answered: 0 },
      legacy: { kill: 0, pause: 0, answered: 0 },
    };
    const respawns: Promise<unknown>[] = [];

    async function drive(api: Api, schedule: Action[]): Promise<void> {
      let next = 0;
      for (let k = 1; points[api].kill + points[api].pause < pointsPerPlatform; k++) {
        expect(k).toBeLessThanOrEqual(4);
        const campaignId = `crash_${api}_${k}`;
        const offset = (apis.indexOf(api) * 4 + (k - 1)) * devicesPerCampaign;
        const deviceIds = Array.from({ length: devicesPerCampaign }, (_, i) =>
          sim.fleet.deviceId(offset + i),
        );
        await submitCampaign(
          pool,
          {
            name: campaignId,
            target: { type: 'DeviceList', deviceIds },
            operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: { delay: 0 } },
          },
          { campaignId, adapter: api, runOptions: { concurrency: 1 } },
        );
        const done = async () => (await readSharedCampaign(pool, campaignId))?.status === 'finished';
        let base = { event: 0, answered: 0 };
        while (points[api].kill + points[api].pause < pointsPerPlatform && !(await done())) {
          const step = schedule[next++ % schedule.length] as Action;
          // Wait for the trigger: `after` more lines of its kind since the previous point.
          let finished = false;
          let checkedAt = performance.now();
          for (;;) {
            const counts = seen.get(campaignId) ?? { event: 0, answered: 0 };
            if (counts[step.trigger] >= base[step.trigger] + step.after) break;
            if (performance.now() - checkedAt > 100) {
              checkedAt = performance.now();
              if (await done()) {
                finished = true;
                break;
              }
            }
            await sleep(2);
          }
          if (finished) break;
          await sleep(step.delayMs);
          base = { ...(seen.get(campaignId) ?? base) };
          const target = owner.get(campaignId);
          if (target === undefined || target.paused || target.exited) continue;
          if (step.trigger === 'answered') points[api].answered += 1;
          note(`POINT ${step.kind} ${target.id} on ${campaignId} (${step.trigger})`);
          if (step.kind === 'kill') {
            fleet.kill(target);
            points[api].kill += 1;
            respawns.push(fleet.spawn());
          } else {
            fleet.pause(target);
            points[api].pause += 1;
            const claimsBefore = claimedBy.get(campaignId)?.length ?? 0;
            await sleep(step.pauseMs);
            const takenOver = (claimedBy.get(campaignId)?.length ?? 0) > claimsBefore;
            note(`RESUME ${target.id} taken over: ${takenOver}`);
            fleet.resume(target);
          }
          const problems = platformProblems(api);
          if (problems.length > 0) writeFileSync(traceFile, trace.join('\n'));
          expect(problems).toEqual([]);
        }
        // Let the campaign finish undisturbed, then compare the report with the platform.
        const deadline = performance.now() + 90_000;
        while (!(await done())) {
          if (performance.now() > deadline) throw new Error(`${campaignId} did not finish`);
          await sleep(50);
        }
        const report = (await readSharedCampaign(pool, campaignId))?.report as CampaignReport;
        expect(report.status).toBe('completed');
        const mine = {
          tasks: () =>
            platformOf(api)
              .tasks()
              .filter((task) => task.taskName.startsWith(`${campaignId}_`)),
        };
        expect(simulatorInvariants(mine as unknown as Simulator, report, deviceIds)).toEqual([]);
        expect(report.tasks).toHaveLength(devicesPerCampaign / perTask);
        expect(report.totals.targeted).toBe(devicesPerCampaign);
        if (api === 'v5') expect(report.tasks.every((task) => task.created === true)).toBe(true);
        // Fencing in the journal itself: every record carries its writer's epoch, and they never decrease.
        const rows = await pool.query<{ epoch: string }>(
          'SELECT epoch FROM fleetcast_journal WHERE campaign_id = $1 ORDER BY seq',
          [campaignId],
        );
        const epochs = rows.rows.map((row) => Number(row.epoch));
        expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
        // No replica wrote after its lease was taken: every record of epoch e is older than the claim of e + 1.
        const late = await pool.query(
          `SELECT j.seq, j.epoch FROM fleetcast_journal j
             JOIN fleetcast_claims c ON c.campaign_id = j.campaign_id AND c.epoch = j.epoch + 1
            WHERE j.campaign_id = $1 AND j.written_at >= c.claimed_at`,
          [campaignId],
        );
        expect(late.rows).toEqual([]);
      }
    }

    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 60, maxLength: 60 }),
        fc.array(action, { minLength: 60, maxLength: 60 }),
        async (v5Schedule, legacySchedule) => {
          await Promise.all([drive('v5', v5Schedule), drive('legacy', legacySchedule)]);
          await Promise.all(respawns);
        },
      ),
      // One run of a minute or two: shrinking would repeat it; the seed in a failure reproduces the schedule.
      { numRuns: 1, endOnFailure: true },
    );
    // Paused replicas came back and tried to write: the database refused them (LeaseLostError).
    expect(fencedRuns).toBeGreaterThan(0);
    for (const api of apis) {
      expect(points[api].kill + points[api].pause).toBeGreaterThanOrEqual(pointsPerPlatform);
      expect(points[api].answered).toBeGreaterThan(0);
    }
    console.log(`replica crash model: points ${JSON.stringify(points)}, runs fenced ${fencedRuns}`);
  }, 420_000);
});
