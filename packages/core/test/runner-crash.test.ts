import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { CampaignReport } from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from './__test-helpers__/runner-test-kit.js';
import { simulatorInvariants } from './__test-helpers__/runner-simulator-kit.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const child = fileURLToPath(new URL('./__test-helpers__/runner-crash-child.ts', import.meta.url));
const timeScale = 1_000;

let journal: string;
/** Children still alive, so a failing test never leaves one running. */
const alive = new Set<ReturnType<typeof spawn>>();
beforeAll(async () => {
  journal = await mkdtemp(join(tmpdir(), 'fleetcast-crash-'));
});
afterAll(async () => {
  for (const worker of alive) worker.kill('SIGKILL');
  await rm(journal, { recursive: true, force: true });
});

/**
 * Runs the child until it prints its `killAfter`-th event line, then SIGKILLs it; with no kill point,
 * lets it finish and returns its report.
 */
function runChild(
  settings: object,
  killAfter: number | undefined,
  delayMs = 0,
): Promise<{ killed: boolean; report?: CampaignReport; lines: number }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` (not the tsx CLI, which runs the script in a second process that SIGKILL would miss).
    const worker = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(settings)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    alive.add(worker);
    let lines = 0;
    let report: CampaignReport | undefined;
    let stderr = '';
    worker.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    createInterface({ input: worker.stdout }).on('line', (line) => {
      lines += 1;
      if (line.startsWith('report ')) report = JSON.parse(line.slice(7)) as CampaignReport;
      if (killAfter !== undefined && lines === killAfter) {
        // A little later than the line, so kills also land between a journal write and the next call.
        setTimeout(() => {
          worker.kill('SIGKILL');
        }, delayMs);
      }
    });
    worker.on('exit', (code, signal) => {
      alive.delete(worker);
      if (signal === 'SIGKILL' || code === 0) resolve({ killed: signal === 'SIGKILL', report, lines });
      else reject(new Error(`child exited with ${code}: ${stderr.slice(0, 2000)}`));
    });
  });
}

/** What must hold on the platform at every instant, even right after a kill: no name or device twice. */
function platformProblems(sim: Simulator): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const owner = new Map<string, string>();
  for (const task of sim.tasks()) {
    if (names.has(task.taskName)) problems.push(`duplicate task name ${task.taskName}`);
    names.add(task.taskName);
    for (const id of task.targets) {
      if (owner.has(id)) problems.push(`device ${id} in ${owner.get(id)} and ${task.taskName}`);
      owner.set(id, task.taskName);
    }
  }
  return problems;
}

/** Kill points each adapter must see (20 in all). Under load a child may finish its campaign first:
 * then that campaign is checked and the next one starts, kills counted across campaigns. */
const killTarget = 10;
const maxCampaigns = 6;

// Each campaign gets its own simulator; most of the time is child start-up (node + tsx, about 1 s).
describe('crash and resume with a file journal', () => {
  it.each([
    ['v5', 1],
    ['legacy', 2],
  ] as const)(
    `%s campaigns (seed %i) killed ${killTarget} times in all at random points finish with the invariants intact`,
    async (api, seed) => {
      const random = seededRandom(seed);
      let kills = 0;
      let campaigns = 0;
      while (kills < killTarget && campaigns < maxCampaigns) {
        campaigns += 1;
        const sim: Simulator = await startSimulator({
          devices: 1_200,
          seed: 5 + seed * 10 + campaigns,
          timeScale,
        });
        try {
          // About 50 tasks of 20 devices at 0.1/s: each runs 200 s simulated (0.2 s real), two at a time,
          // so a campaign usually outlasts ten kills even though tasks go on running while no child is alive.
          sim.configure({ unfinishedTaskLimit: { legacy: 2, v5: 2 }, deviceRatePerSecond: 0.1 });
          const deviceIds = Array.from({ length: 990 + Math.floor(random() * 20) }, (_, index) =>
            sim.fleet.deviceId(index),
          );
          const settings = {
            api,
            url: sim.url,
            credentials: sim.credentials,
            deviceIds,
            perTask: 20,
            journal,
            campaignId: `crash_${api}_${seed}_${campaigns}`,
            timeScale,
          };
          let report: CampaignReport | undefined;
          for (let run = 0; run < 14 && kills < killTarget; run++) {
            // The first kill of a campaign lands very early, often before the journal holds anything.
            const killAfter = run === 0 ? 1 : 1 + Math.floor(random() * 8);
            const result = await runChild(settings, killAfter, Math.floor(random() * 40));
            if (result.killed) {
              kills += 1;
              expect(platformProblems(sim)).toEqual([]);
            } else if (result.report !== undefined) {
              // Finished before the kill point: this campaign is done, the next one takes the remaining kills.
              report = result.report;
              break;
            }
          }
          report ??= (await runChild(settings, undefined)).report;
          expect(report?.status).toBe('completed');
          if (report === undefined) return;
          expect(simulatorInvariants(sim, report, deviceIds)).toEqual([]);
          expect(report.tasks).toHaveLength(Math.ceil(deviceIds.length / 20));
          expect(report.totals.targeted).toBe(deviceIds.length);
          if (api === 'v5') expect(report.tasks.every((task) => task.created === true)).toBe(true);
        } finally {
          await sim.close();
        }
      }
      expect(kills).toBeGreaterThanOrEqual(killTarget);
    },
    240_000,
  );
});
