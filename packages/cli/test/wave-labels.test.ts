import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-waves-'));
let fileCount = 0;
function writeFile(name: string, content: string): string {
  const path = join(folder, `${fileCount++}-${name}`);
  writeFileSync(path, content);
  return path;
}

async function cli(argv: string[]) {
  const io = collectingIo();
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout.text() };
}

const percents = fc
  .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 3 })
  .map((list) => [...[...list].sort((a, b) => a - b), 100]);

describe('rollout waves: one meaning per field', () => {
  it('`wave` is 0-based in plan --json tasks, plan --json summary and explain --json; text and waveNumber count from 1', async () => {
    await fc.assert(
      fc.asyncProperty(percents, fc.integer({ min: 5, max: 40 }), async (wavePercents, count) => {
        const ids = Array.from({ length: count }, (_, index) => `dev-${index}`);
        const fleet = writeFile(
          'fleet.jsonl',
          ids.map((id) => JSON.stringify({ id, deviceType: 'Meter' })).join('\n'),
        );
        const campaign = writeFile(
          'c.json',
          JSON.stringify({
            name: 'fw',
            target: { type: 'DeviceType', deviceType: 'Meter' },
            operation: { type: 'firmwareUpgrade', packageIds: ['p1'] },
            rollout: { waves: wavePercents.map((percent) => ({ percent })) },
          }),
        );
        const plan = await cli(['plan', campaign, '--platform', 'v5', '--devices', fleet, '--json']);
        expect(plan.code).toBe(0);
        const parsed = JSON.parse(plan.stdout) as {
          tasks: { wave: number; name: string; deviceIds: string[] }[];
          summary: { waves: { wave: number; waveNumber: number; tasks: number; devices: number }[] };
        };
        const waveOfDevice = new Map<string, number>();
        for (const task of parsed.tasks) {
          // Task names count from 1 (`_wave1`), the `wave` field from 0.
          expect(task.name).toContain(`wave${task.wave + 1}`);
          for (const id of task.deviceIds) waveOfDevice.set(id, task.wave);
        }
        parsed.summary.waves.forEach((entry, index) => {
          expect(entry.wave).toBe(index);
          expect(entry.waveNumber).toBe(index + 1);
          expect(entry.devices).toBe([...waveOfDevice.values()].filter((wave) => wave === index).length);
        });
        const text = await cli(['plan', campaign, '--platform', 'v5', '--devices', fleet]);
        for (const entry of parsed.summary.waves) {
          expect(text.stdout).toMatch(
            new RegExp(
              `wave ${entry.waveNumber} \\(cumulative ${wavePercents[entry.wave]} % .*: .*, ${entry.devices} devices`,
            ),
          );
        }
        for (const id of ids.slice(0, 3)) {
          const explained = JSON.parse(
            (await cli(['explain', campaign, id, '--devices', fleet, '--json'])).stdout,
          );
          expect(explained.wave).toBe(waveOfDevice.get(id));
          expect(explained.waveNumber).toBe((waveOfDevice.get(id) as number) + 1);
          const line = (await cli(['explain', campaign, id, '--devices', fleet])).stdout;
          expect(line).toContain(`wave ${explained.waveNumber} of ${wavePercents.length}`);
        }
      }),
      { numRuns: 15 },
    );
  });
});
