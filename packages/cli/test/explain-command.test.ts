import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-explain-'));
let fileCount = 0;
function writeFile(name: string, content: string): string {
  const path = join(folder, `${fileCount++}-${name}`);
  writeFileSync(path, content);
  return path;
}

const operation = { type: 'firmwareUpgrade', packageIds: ['p1'] };
/** Every target type that is judged on the device's record, not on its ID alone. */
const recordTargets = [
  { type: 'DeviceType', deviceType: 'Meter' },
  { type: 'DeviceArea', location: 'Wuhan' },
  { type: 'GroupList', groupNames: ['beta'] },
  { type: 'GroupIdList', groupIds: ['g1'] },
  { type: 'Filter', groupIds: ['g1'] },
  { type: 'Rules', conditions: { all: [{ fact: 'deviceType', operator: 'equal', value: 'Meter' }] } },
];
const rollout = { waves: [{ percent: 10 }, { percent: 100 }] };

async function explain(campaign: unknown, ...args: string[]) {
  const io = collectingIo();
  const code = await runCli(['explain', writeFile('c.json', JSON.stringify(campaign)), ...args], io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

describe('fleetcast explain without a device source', () => {
  it.each(recordTargets)(
    'says it cannot tell for a $type target (exit 2), never "not targeted"',
    async (target) => {
      for (const withRollout of [false, true]) {
        const campaign = { name: 'c', target, operation, ...(withRollout ? { rollout } : {}) };
        const result = await explain(campaign, 'meter_1');
        expect(result.code).toBe(ExitCode.invalidInput);
        expect(result.stdout).toContain('cannot tell without a device source');
        expect(result.stdout).toContain('--devices');
        expect(result.stdout).not.toMatch(/not targeted|undefined/);
        if (withRollout) expect(result.stdout).toMatch(/if targeted: bucket \d+, wave [12] of 2/);

        const json = await explain(campaign, 'meter_1', '--json');
        expect(json.code).toBe(ExitCode.invalidInput);
        const parsed = JSON.parse(json.stdout);
        expect(parsed).toMatchObject({ deviceId: 'meter_1', decided: false, reason: 'no-device-source' });
        if (withRollout) expect(parsed.waveNumber).toBe(parsed.wave + 1);
      }
    },
  );

  it('still answers from the ID alone for lists, broadcasts and exclusions', async () => {
    const listed = await explain(
      { name: 'c', target: { type: 'DeviceList', deviceIds: ['a'] }, operation },
      'a',
    );
    expect(listed.code).toBe(ExitCode.ok);
    expect(listed.stdout).toContain('a: targeted');
    const broadcast = await explain({ name: 'c', target: { type: 'Broadcast' }, operation }, 'a');
    expect(broadcast.code).toBe(ExitCode.ok);
    const excluded = await explain(
      { name: 'c', target: { type: 'DeviceType', deviceType: 'Meter', exclude: ['a'] }, operation },
      'a',
    );
    expect(excluded.code).toBe(ExitCode.ok);
    expect(excluded.stdout).toContain('a: not targeted');
  });

  it('judges the record once a device file is given', async () => {
    const fleet = writeFile('fleet.jsonl', '{"id":"meter_1","deviceType":"Meter"}\n');
    for (const target of [recordTargets[0], recordTargets[5]]) {
      const result = await explain({ name: 'c', target, operation }, 'meter_1', '--devices', fleet);
      expect(result.code).toBe(ExitCode.ok);
      expect(result.stdout).toContain('meter_1: targeted');
    }
  });
});
