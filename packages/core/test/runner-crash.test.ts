import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { CampaignReport } from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { seededRandom } from './runner-test-kit.js';
import { simulatorInvariants } from './runner-simulator-kit.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const child = fileURLToPath(new URL('./runner-crash-child.ts', import.meta.url));
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

// Each campaign gets its own simulator; most of the time is child start-up (node + tsx, about 1 s).
describe('crash and resume with a file journal', () => {
  it.each([
    ['v5', 1],
    ['legacy', 2],
  ] as const)(
    'a %s campaign (seed %i) killed 10 times at random points finishes with the invariants intact',
    async (api, seed) => {
      const sim: Simulator = await startSimulator({ devices: 1_200, seed: 5 + seed, timeScale });
      onTestFinished(() => sim.close());
      // About 50 tasks of 20 devices at 0.1/s: each runs 200 s simulated (0.2 s real), two at a time, so
      // the campaign outlasts ten kills even though tasks go on running while no child is alive.
      sim.configure({ unfinishedTaskLimit: { legacy: 2, v5: 2 }, deviceRatePerSecond: 0.1 });
      const random = seededRandom(seed);
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
        campaignId: `crash_${api}_${seed}`,
        timeScale,
      };
      let kills = 0;
      for (let run = 0; run < 14 && kills < 10; run++) {
        // The first kill lands very early, often before the journal holds anything.
        const killAfter = run === 0 ? 1 : 1 + Math.floor(random() * 8);
        const result = await runChild(settings, killAfter, Math.floor(random() * 40));
        if (result.killed) kills += 1;
        else if (result.report !== undefined) break;
      }
      expect(kills).toBeGreaterThanOrEqual(10);
      const { report } = await runChild(settings, undefined);
      expect(report?.status).toBe('completed');
      if (report === undefined) return;
      expect(simulatorInvariants(sim, report, deviceIds)).toEqual([]);
      expect(report.tasks).toHaveLength(Math.ceil(deviceIds.length / 20));
      expect(report.totals.targeted).toBe(deviceIds.length);
      if (api === 'v5') expect(report.tasks.every((task) => task.created === true)).toBe(true);
    },
    150_000,
  );
});
